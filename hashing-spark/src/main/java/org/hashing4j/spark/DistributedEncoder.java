package org.hashing4j.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;


import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Npy;
import org.hashing4j.datasets.folder.ClassFolders;
import org.hashing4j.datasets.image.DecodedImage;
import org.hashing4j.datasets.listfile.ListFileReader;
import org.hashing4j.models.encode.CollectionEncoder;
import org.hashing4j.models.encode.ImageInputs;
import org.hashing4j.models.TrainedModel;

/**
 * Distributed encoding: image files or feature vectors in, a {@link CodeTable} out. The model is
 * broadcast once ({@link ModelBroadcast}); each partition encodes its rows {@code batchSize} at a
 * time with the preprocessing of {@code hashing encode --images} ({@link CollectionEncoder}), so
 * the codes are bit-identical to the single-machine ones: each image is decoded and prepared by
 * {@link ImageInputs#pipeline} (the model's recorded input shape, resize or centre crop, and
 * normalisation), then the batch goes to {@link TrainedModel#encode(float[][])} — for pixel models
 * and for models that also stream files themselves ({@link org.hashing4j.models.ImageEncoder}, e.g.
 * fine-tuned backbones) alike.
 * Image paths are Hadoop paths ({@code file:}, {@code hdfs:}, {@code s3a:} …) every executor can
 * read; an unreadable or undecodable image fails its task with a one-line message naming it.
 *
 * <p>Inputs: {@link #listFile} (the toolkit's list-file format, {@code path [labels...]} per line),
 * {@link #folder} (one subfolder per class, as {@code image-folder}), {@link #featuresFromNpy} and
 * any table with {@code id} and {@code features} (array of float or double) columns.
 */
public final class DistributedEncoder {
    /** Default images or feature rows per encoding batch. */
    public static final int DEFAULT_BATCH = 64;

    private DistributedEncoder() {
    }

    /** Schema of an image listing: {@code id} (long), {@code path} (string). */
    public static StructType listingSchema() {
        return new StructType(new StructField[] {
            new StructField(CodeTable.ID, DataTypes.LongType, false, Metadata.empty()),
            new StructField(CodeTable.PATH, DataTypes.StringType, false, Metadata.empty())});
    }

    /**
     * The images of a list file (one {@code path [0 1 0 ...]} line per image), ids 0, 1, 2, … in line
     * order. Relative paths are resolved against {@code imageRoot} (null: the list file's folder). A
     * list file on the local disk is read with the datasets' {@link ListFileReader}, which also
     * checks that every image exists; elsewhere it is read through Hadoop and the paths are checked
     * when they are encoded.
     */
    public static Dataset<Row> listFile(SparkSession spark, String listFile, String imageRoot, int partitions) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path lf = new Path(listFile);
        FileSystem fs = fileSystem(lf, conf);
        List<String> paths = new ArrayList<>();
        if (fs instanceof LocalFileSystem lfs) {
            java.nio.file.Path local = lfs.pathToFile(lf).toPath();
            java.nio.file.Path root = imageRoot != null ? java.nio.file.Path.of(imageRoot) : local.toAbsolutePath().getParent();
            if (!Files.isRegularFile(local)) {
                throw new HashingException(listFile + ": no such list file");
            }
            ListFileReader.Result r = ListFileReader.read(local, root, 0, listFile);
            if (!r.missing().isEmpty()) {
                throw new HashingException(listFile + ": " + r.missing().size() + " of " + r.listed()
                        + " listed images are missing under " + root + ", first: " + r.missing().get(0));
            }
            for (java.nio.file.Path p : r.images().files()) {
                paths.add(p.toAbsolutePath().toString());
            }
        } else {
            Path root = imageRoot != null ? new Path(imageRoot) : lf.getParent();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(lf), StandardCharsets.UTF_8))) {
                String line;
                int lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    String t = line.strip();
                    if (t.isEmpty()) {
                        continue;
                    }
                    String p = t.split("\\s+")[0];
                    Path path = new Path(p);
                    paths.add((path.isAbsolute() || path.toUri().getScheme() != null ? path : new Path(root, p)).toString());
                }
                if (paths.isEmpty()) {
                    throw new HashingException(listFile + ": no images listed (" + lineNo + " lines)");
                }
            } catch (IOException e) {
                throw new HashingException(listFile + ": cannot read list file (" + e.getMessage() + ")", e);
            }
        }
        return listing(spark, paths, partitions);
    }

    /**
     * The images of a folder with one subfolder per class ({@code dir/<class>/<image>}), in the
     * order of the image-folder dataset (sorted by path), ids 0, 1, 2, …; any Hadoop file system.
     */
    public static Dataset<Row> folder(SparkSession spark, String dir, int partitions) {
        Path d = new Path(dir);
        FileSystem fs = fileSystem(d, spark.sparkContext().hadoopConfiguration());
        List<String> paths = new ArrayList<>();
        try {
            if (!fs.getFileStatus(d).isDirectory()) {
                throw new HashingException(dir + ": not a folder");
            }
            List<String> extensions = Arrays.asList(ClassFolders.EXTENSIONS);
            List<Path> files = new ArrayList<>();
            for (FileStatus cls : fs.listStatus(d)) {
                if (!cls.isDirectory() || cls.getPath().getName().startsWith(".")) {
                    continue;
                }
                for (FileStatus f : fs.listStatus(cls.getPath())) {
                    String n = f.getPath().getName();
                    int dot = n.lastIndexOf('.');
                    if (f.isFile() && dot > 0 && extensions.contains(n.substring(dot + 1))) {
                        files.add(f.getPath());
                    }
                }
            }
            files.sort((a, b) -> a.toUri().getPath().compareTo(b.toUri().getPath()));
            for (Path f : files) {
                paths.add(f.toString());
            }
        } catch (java.io.FileNotFoundException e) {
            throw new HashingException(dir + ": no such folder");
        } catch (IOException e) {
            throw new HashingException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (paths.isEmpty()) {
            throw new HashingException(dir + ": no image files in class subfolders (expected " + dir
                    + "/<class>/<image files>)");
        }
        return listing(spark, paths, partitions);
    }

    /** An image listing of {@code paths}, ids 0, 1, 2, … in order. */
    public static Dataset<Row> listing(SparkSession spark, List<String> paths, int partitions) {
        List<Row> rows = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            rows.add(RowFactory.create((long) i, paths.get(i)));
        }
        JavaRDD<Row> rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, Math.max(1, Math.min(partitions, rows.size())));
        return spark.createDataFrame(rdd, listingSchema());
    }

    /** Encodes an image listing (columns {@code id}, {@code path}) into a code table. */
    public static Dataset<Row> encodeImages(Dataset<Row> images, ModelBroadcast model, int batchSize) {
        checkBatch(batchSize);
        for (String c : List.of(CodeTable.ID, CodeTable.PATH)) {
            if (!Arrays.asList(images.schema().fieldNames()).contains(c)) {
                throw new HashingException("image listing has no '" + c + "' column");
            }
        }
        SparkSession spark = images.sparkSession();
        Broadcast<SerializableConfiguration> conf = org.apache.spark.api.java.JavaSparkContext
                .fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        if (model.imageShape() == null) {
            throw new HashingException(model.name() + " takes " + model.inputDimension() + " features per item and"
                    + " records no image shape, so it cannot encode images; encode feature vectors instead");
        }
        JavaRDD<Row> out = images.select(CodeTable.ID, CodeTable.PATH).javaRDD()
                .mapPartitions(rows -> new Batches(rows, batchSize, batch -> encodeImageBatch(batch, model, conf.value().value())));
        return spark.createDataFrame(out, CodeTable.schema(model.bits()));
    }

    private static List<Row> encodeImageBatch(List<Row> batch, ModelBroadcast mb, Configuration conf) {
        TrainedModel model = mb.model();
        // Exactly what `hashing encode --images` (CollectionEncoder) does with a batch, for every kind of
        // model, fine-tuned image encoders included: the model's input spec decides resize, crop and
        // normalisation, the decoded rows go to encode(float[][]). Any other route (e.g. an image
        // encoder's own file pipeline) could preprocess differently and change the codes.
        ImageInputs.Preparer prepare = ImageInputs.preparer(model);
        float[][] rows = new float[batch.size()][];
        for (int i = 0; i < rows.length; i++) {
            String p = batch.get(i).getString(1);
            try (DecodedImage img = read(p, conf)) {
                rows[i] = prepare.row(img, p);
            }
        }
        return codeRows(batch, model.encode(rows));
    }

    /** Decodes one image through Hadoop's file systems; a missing or undecodable file names itself. */
    static DecodedImage read(String location, Configuration conf) {
        Path p = new Path(location);
        try {
            FileSystem fs = p.getFileSystem(conf);
            byte[] bytes;
            try (InputStream in = fs.open(p)) {
                bytes = in.readAllBytes();
            }
            // the single-machine decoder, on bytes from any Hadoop file system
            return DecodedImage.decode(bytes, location);
        } catch (java.io.FileNotFoundException e) {
            throw new HashingException(location + ": image file missing");
        } catch (IOException | RuntimeException e) {
            if (e instanceof HashingException h) {
                throw h;
            }
            throw new HashingException(location + ": corrupt or unreadable image (" + e.getMessage() + ")", e);
        }
    }

    private static List<Row> codeRows(List<Row> batch, BinaryCodes codes) {
        byte[] packed = codes.toPackedBytes();
        int bpc = codes.bytesPerCode();
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Row in = batch.get(i);
            out.add(RowFactory.create(in.getLong(0), in.isNullAt(1) ? null : in.getString(1),
                    Arrays.copyOfRange(packed, i * bpc, (i + 1) * bpc)));
        }
        return out;
    }

    /** Feature vectors of a float {@code .npy} matrix on the driver, ids 0, 1, 2, … . */
    public static Dataset<Row> featuresFromNpy(SparkSession spark, java.nio.file.Path npy, int partitions) {
        Npy.Array a = Npy.read(npy);
        if (a.rank() != 2 || !a.dtype().isFloating()) {
            throw new HashingException(npy + ": expected a 2-D float matrix of features, got " + a.dtype().name()
                    .toLowerCase(Locale.ROOT) + " of shape " + Arrays.toString(a.shape()));
        }
        float[][] m = a.toFloatMatrix();
        List<Row> rows = new ArrayList<>(m.length);
        for (int i = 0; i < m.length; i++) {
            rows.add(RowFactory.create((long) i, null, m[i]));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField(CodeTable.ID, DataTypes.LongType, false, Metadata.empty()),
            new StructField(CodeTable.PATH, DataTypes.StringType, true, Metadata.empty()),
            new StructField("features", DataTypes.createArrayType(DataTypes.FloatType, false), false, Metadata.empty())});
        JavaRDD<Row> rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, Math.max(1, Math.min(partitions, rows.size())));
        return spark.createDataFrame(rdd, schema);
    }

    /**
     * Encodes feature vectors: a table with {@code id} and {@code features} (array of float or
     * double; an optional {@code path} is kept) into a code table.
     */
    public static Dataset<Row> encodeFeatures(Dataset<Row> features, ModelBroadcast model, int batchSize) {
        checkBatch(batchSize);
        List<String> cols = Arrays.asList(features.schema().fieldNames());
        if (!cols.contains(CodeTable.ID) || !cols.contains("features")) {
            throw new HashingException("feature table needs 'id' and 'features' columns, has " + cols);
        }
        if (!(features.schema().apply("features").dataType() instanceof ArrayType at)
                || !(at.elementType().equals(DataTypes.FloatType) || at.elementType().equals(DataTypes.DoubleType))) {
            throw new HashingException("feature table column 'features' must be an array of float or double, is "
                    + features.schema().apply("features").dataType().simpleString());
        }
        Dataset<Row> in = features.select(features.col(CodeTable.ID),
                cols.contains(CodeTable.PATH) ? features.col(CodeTable.PATH)
                        : org.apache.spark.sql.functions.lit(null).cast("string").as(CodeTable.PATH),
                features.col("features").cast(DataTypes.createArrayType(DataTypes.FloatType)));
        JavaRDD<Row> out = in.javaRDD().mapPartitions(rows -> new Batches(rows, batchSize, batch -> {
            TrainedModel m = model.model();
            float[][] x = new float[batch.size()][];
            for (int i = 0; i < x.length; i++) {
                Row r = batch.get(i);
                List<Float> v = r.getList(2);
                if (v.size() != m.inputDimension()) {
                    throw new HashingException("item " + r.getLong(0) + " has " + v.size() + " features, but " + model.name()
                            + " takes " + m.inputDimension());
                }
                x[i] = new float[v.size()];
                for (int j = 0; j < x[i].length; j++) {
                    Float f = v.get(j);
                    if (f == null) {
                        throw new HashingException("item " + r.getLong(0) + " has a null feature at " + j);
                    }
                    x[i][j] = f;
                }
            }
            return codeRows(batch, m.encode(x));
        }));
        return features.sparkSession().createDataFrame(out, CodeTable.schema(model.bits()));
    }

    private static void checkBatch(int batchSize) {
        if (batchSize < 1) {
            throw new HashingException("batch size must be >= 1, got " + batchSize);
        }
    }

    private static FileSystem fileSystem(Path p, Configuration conf) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException e) {
            throw new HashingException(p + ": no file system for this location (" + e.getMessage() + ")", e);
        }
    }

    /** Hands a partition's rows to {@code encoder} in batches and streams the results out. */
    private static final class Batches implements Iterator<Row> {
        interface BatchFunction {
            List<Row> apply(List<Row> batch);
        }

        private final Iterator<Row> rows;
        private final int batchSize;
        private final BatchFunction encoder;
        private Iterator<Row> current = java.util.Collections.emptyIterator();

        Batches(Iterator<Row> rows, int batchSize, BatchFunction encoder) {
            this.rows = rows;
            this.batchSize = batchSize;
            this.encoder = encoder;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && rows.hasNext()) {
                List<Row> batch = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && rows.hasNext()) {
                    batch.add(rows.next());
                }
                current = encoder.apply(batch).iterator();
            }
            return current.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }
    }
}
