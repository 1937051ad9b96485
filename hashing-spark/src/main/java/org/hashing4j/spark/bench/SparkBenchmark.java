package org.hashing4j.spark.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.lsh.Lsh;
import org.hashing4j.spark.CodeTable;
import org.hashing4j.spark.DistributedEncoder;
import org.hashing4j.spark.DistributedSearch;
import org.hashing4j.spark.ModelBroadcast;
import org.hashing4j.spark.NearDuplicateJoin;

/**
 * Throughput of the Spark jobs at {@code local[1]} and {@code local[2]}: encoding (images/s from
 * PNG files, features/s from vectors, LSH model), exact top-10 search (codes scanned per second) and
 * the radius-r self-join (codes per second) over random 64-bit codes. Prints a Markdown table.
 *
 * <pre>
 * java [opens] -cp ... org.hashing4j.spark.bench.SparkBenchmark [codes=10000000] [queries=100]
 *      [radius=2] [features=200000] [dim=512] [images=2000] [side=32] [masters=local[1],local[2]]
 *      [ops=images,features,search,join]
 * </pre>
 *
 * <p>{@code ops} picks the measurements, so that each can run in its own JVM and time window (a
 * 10M-code join at {@code local[1]} takes minutes); a row shows "–" for what it did not measure. Every
 * figure is the second run of its job (the first warms up the JIT, ND4J and Spark's code paths),
 * except the join, which runs once: it is long enough that warm-up does not matter.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new java.util.HashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        long codes = Long.parseLong(a.getOrDefault("codes", "10000000"));
        int queries = Integer.parseInt(a.getOrDefault("queries", "100"));
        int radius = Integer.parseInt(a.getOrDefault("radius", "2"));
        int features = Integer.parseInt(a.getOrDefault("features", "200000"));
        int dim = Integer.parseInt(a.getOrDefault("dim", "512"));
        int images = Integer.parseInt(a.getOrDefault("images", "2000"));
        int side = Integer.parseInt(a.getOrDefault("side", "32"));
        java.util.Set<String> ops = new java.util.HashSet<>(List.of(
                a.getOrDefault("ops", "images,features,search,join").split(",")));
        for (String op : ops) {
            if (!List.of("images", "features", "search", "join").contains(op)) {
                throw new IllegalArgumentException("ops: unknown measurement '" + op
                        + "' (images, features, search, join)");
            }
        }
        String[] masters = a.getOrDefault("masters", "local[1],local[2]").split(",(?=local)");

        Path work = Files.createTempDirectory("hashing-spark-bench");
        Path imageDir = work.resolve("images/c");
        Files.createDirectories(imageDir);
        Random r = new Random(1);
        for (int i = 0; i < (ops.contains("images") ? images : 0); i++) {
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    img.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            ImageIO.write(img, "png", imageDir.resolve(String.format("%06d.png", i)).toFile());
        }
        Path imageModel = work.resolve("lsh-image.zip");
        Path featureModel = work.resolve("lsh-features.zip");
        ModelFiles.save(imageModel, lsh(3 * side * side, new int[] {3, side, side}), Map.of());
        ModelFiles.save(featureModel, lsh(dim, null), Map.of());

        List<String> rows = new ArrayList<>();
        for (String master : masters) {
            SparkSession spark = SparkSession.builder().master(master).appName("hashing-spark-bench")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "16")
                    .config("spark.driver.memory", "8g").getOrCreate();
            int parts = 16;
            double tImg = Double.NaN;
            double tFeat = Double.NaN;
            double tSearch = Double.NaN;
            double tJoin = Double.NaN;
            long[] pairs = {-1};
            // Encoding: images (decode + pipeline + model) and feature vectors (model only).
            if (ops.contains("images")) {
                Dataset<Row> listing = DistributedEncoder.folder(spark, work.resolve("images").toString(), parts);
                ModelBroadcast im = ModelBroadcast.of(spark, imageModel.toString());
                DistributedEncoder.encodeImages(listing, im, 64).count(); // warm-up: JIT, ND4J start
                tImg = time(() -> DistributedEncoder.encodeImages(listing, im, 64).count());
            }
            if (ops.contains("features")) {
                Dataset<Row> feats = randomFeatures(spark, features, dim, parts).persist(StorageLevel.MEMORY_ONLY());
                feats.count();
                ModelBroadcast fm = ModelBroadcast.of(spark, featureModel.toString());
                DistributedEncoder.encodeFeatures(feats, fm, 256).count();
                tFeat = time(() -> DistributedEncoder.encodeFeatures(feats, fm, 256).count());
                feats.unpersist();
            }
            // Search and join over random 64-bit codes held in memory (generated before the clock starts).
            if (ops.contains("search") || ops.contains("join")) {
                Dataset<Row> table = randomCodes(spark, codes, 64, parts).persist(StorageLevel.MEMORY_ONLY());
                table.count();
                if (ops.contains("search")) {
                    BinaryCodes q = BinaryCodes.fromPackedBytes(randomBytes(queries * 8, 7), queries, 64);
                    DistributedSearch.search(table, q, null, 10).count();
                    tSearch = time(() -> DistributedSearch.search(table, q, null, 10).count());
                }
                if (ops.contains("join")) {
                    tJoin = time(() -> pairs[0] = NearDuplicateJoin.pairs(table, radius).count());
                }
                table.unpersist();
            }
            spark.stop();
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s / %s |", master,
                    rate(images, tImg, "%,.0f"), rate(features, tFeat, "%,.0f"),
                    rate(codes * (double) queries, tSearch, "%,.3g"), rate(codes, tJoin, "%,.0f"),
                    Double.isNaN(tSearch) ? "–" : String.format(Locale.ROOT, "%.1f s", tSearch),
                    Double.isNaN(tJoin) ? "–" : String.format(Locale.ROOT, "%.1f s (%d pairs)", tJoin, pairs[0])));
            System.out.println(rows.get(rows.size() - 1));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%,d images %dx%d RGB PNG, %,d features x %d, %,d random 64-bit codes, %d queries"
                + " top-10, join radius %d; %d partitions%n", images, side, side, features, dim, codes, queries, radius, 16);
        System.out.println("| master | images/s (encode) | features/s (encode) | codes x queries / s (search) | codes/s (join) | search / join wall |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        try (var files = Files.walk(work)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }

    /** {@code count / seconds} in {@code format}, or "–" when the job was not measured. */
    private static String rate(double count, double seconds, String format) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, format, count / seconds);
    }

    private static TrainedModel lsh(int dim, int[] shape) {
        float[][] x = new float[200][dim];
        Random r = new Random(3);
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                row[j] = r.nextFloat();
            }
        }
        return new Lsh().fit(new FeatureSet(x, null, shape, "bench"), new MethodConfig(64, 5), TrainingContext.quiet());
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Dataset<Row> randomCodes(SparkSession spark, long n, int bits, int parts) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            p.add(i);
        }
        int bpc = (bits + 7) / 8;
        JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(p, parts).flatMap(i -> {
            long from = n * i / parts;
            long to = n * (i + 1) / parts;
            Random r = new Random(1000 + i);
            List<Row> out = new ArrayList<>((int) (to - from));
            for (long id = from; id < to; id++) {
                byte[] c = new byte[bpc];
                r.nextBytes(c);
                out.add(RowFactory.create(id, null, c));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rdd, CodeTable.schema(bits));
    }

    private static Dataset<Row> randomFeatures(SparkSession spark, int n, int dim, int parts) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            p.add(i);
        }
        JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(p, parts).flatMap(i -> {
            Random r = new Random(i);
            List<Row> out = new ArrayList<>();
            for (long id = (long) n * i / parts; id < (long) n * (i + 1) / parts; id++) {
                float[] f = new float[dim];
                for (int j = 0; j < dim; j++) {
                    f[j] = r.nextFloat();
                }
                out.add(RowFactory.create(id, f));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rdd, new org.apache.spark.sql.types.StructType()
                .add("id", "long").add("features", "array<float>"));
    }

    private static double time(Runnable job) {
        long t0 = System.nanoTime();
        job.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
