package org.hashing4j.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.IndexImport;

/**
 * A code table: the distributed form of a code file. One row per item with columns {@code id}
 * (long, unique, ≥ 0), {@code path} (string, may be null) and {@code code} (binary: the packed bytes
 * of {@link BinaryCodes#toPackedBytes()}, numpy {@code packbits} layout). The bit length lives in
 * the metadata of the {@code code} column ({@code "bits"}), which Spark stores in the Parquet
 * schema, so a table read back knows 30 bits from 32 as a {@code .npy.json} sidecar does.
 *
 * <p>Also converts between tables and the toolkit's files: {@link #fromFile} reads a {@code .npy}
 * code file (with optional id and path lists, the inputs of {@code hashing index build}) or a
 * Parquet table, refusing repeated or negative ids as {@code hashing index build} does; {@link #exportNpy} writes the {@code .npy} + sidecar + {@code .ids.txt} (+
 * {@code .paths.txt}) layout that {@code hashing index build} imports.
 */
public final class CodeTable {
    /** Column names. */
    public static final String ID = "id";
    public static final String PATH = "path";
    public static final String CODE = "code";
    /** Metadata key of the bit length on the {@code code} column. */
    public static final String BITS = "bits";

    private CodeTable() {
    }

    /** The schema of a table of {@code bits}-bit codes. */
    public static StructType schema(int bits) {
        if (bits < 1) {
            throw new HashingException("bit length must be >= 1, got " + bits);
        }
        Metadata md = new MetadataBuilder().putLong(BITS, bits).build();
        return new StructType(new StructField[] {
            new StructField(ID, DataTypes.LongType, false, Metadata.empty()),
            new StructField(PATH, DataTypes.StringType, true, Metadata.empty()),
            new StructField(CODE, DataTypes.BinaryType, false, md)});
    }

    /**
     * The bit length of a code table; checks that it has the {@code id} and {@code code} columns.
     *
     * @param what names the table in error messages (e.g. its file)
     */
    public static int bits(Dataset<Row> table, String what) {
        StructType s = table.schema();
        List<String> names = Arrays.asList(s.fieldNames());
        for (String c : List.of(ID, CODE)) {
            if (!names.contains(c)) {
                throw new HashingException(what + ": not a code table (no '" + c + "' column; columns are " + names + ")");
            }
        }
        Metadata md = s.apply(CODE).metadata();
        if (!md.contains(BITS)) {
            throw new HashingException(what + ": the 'code' column carries no bit length ('" + BITS
                    + "' metadata); write code tables with hashing-spark");
        }
        return (int) md.getLong(BITS);
    }

    /** A slice of a code matrix shipped to one partition (packed bytes, ids, optional paths). */
    private record Slice(int bits, byte[] packed, long[] ids, String[] paths) implements Serializable {
    }

    /**
     * A code table from codes held on the driver, spread over {@code partitions} partitions in
     * code order.
     *
     * @param ids   one id per code (unique, ≥ 0), or null for 0, 1, 2, …
     * @param paths one path per code, or null
     */
    public static Dataset<Row> fromCodes(SparkSession spark, BinaryCodes codes, long[] ids, List<String> paths,
            int partitions) {
        int n = codes.size();
        if (ids != null && ids.length != n) {
            throw new HashingException(ids.length + " ids for " + n + " codes");
        }
        if (paths != null && paths.size() != n) {
            throw new HashingException(paths.size() + " paths for " + n + " codes");
        }
        long[] allIds = ids != null ? ids : new long[n];
        if (ids == null) {
            Arrays.setAll(allIds, i -> i);
        } else {
            checkIds(ids, "id list");
        }
        byte[] packed = codes.toPackedBytes();
        int bpc = codes.bytesPerCode();
        int parts = Math.max(1, Math.min(partitions, Math.max(1, n)));
        List<Slice> slices = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            slices.add(new Slice(codes.bits(), Arrays.copyOfRange(packed, from * bpc, to * bpc),
                    Arrays.copyOfRange(allIds, from, to),
                    paths == null ? null : paths.subList(from, to).toArray(new String[0])));
        }
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(slices, slices.size())
                .flatMap(CodeTable::rowsOf);
        return spark.createDataFrame(rows, schema(codes.bits()));
    }

    private static Iterator<Row> rowsOf(Slice s) {
        int bpc = (s.bits + 7) >>> 3;
        List<Row> out = new ArrayList<>(s.ids.length);
        for (int i = 0; i < s.ids.length; i++) {
            out.add(RowFactory.create(s.ids[i], s.paths == null ? null : s.paths[i],
                    Arrays.copyOfRange(s.packed, i * bpc, (i + 1) * bpc)));
        }
        return out.iterator();
    }

    /** Refuses negative and repeated ids with the messages of {@code hashing index build}. */
    private static void checkIds(long[] ids, String what) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0) {
                throw new HashingException(what + ": id " + sorted[i] + " is negative; ids must be >= 0");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new HashingException(what + ": id " + sorted[i] + " appears twice");
            }
        }
    }

    /**
     * Refuses a table read from a file whose {@code id} column is not a set of distinct non-negative
     * numbers, as {@code hashing index build} refuses such an id list ({@code "<file>: id 7 appears
     * twice"}): the search results, join pairs and exported id lists are keyed by id, so a repeated id
     * would silently merge two items. Costs one aggregation over the ids (a shuffle of 8 bytes a row
     * plus a count), small next to the jobs that use the table.
     *
     * @param what names the table's file in the message
     * @return {@code table}, for chaining
     */
    public static Dataset<Row> checkIds(Dataset<Row> table, String what) {
        if (!Arrays.asList(table.schema().fieldNames()).contains(ID)) {
            throw new HashingException(what + ": no '" + ID + "' column; columns are "
                    + Arrays.toString(table.schema().fieldNames()));
        }
        if (!table.schema().apply(ID).dataType().equals(DataTypes.LongType)) {
            throw new HashingException(what + ": column '" + ID + "' must be long (int64), is "
                    + table.schema().apply(ID).dataType().simpleString());
        }
        List<Row> bad = table.filter(functions.col(ID).isNull().or(functions.col(ID).lt(0))).select(ID).limit(1)
                .collectAsList();
        if (!bad.isEmpty()) {
            throw new HashingException(what + ": id " + (bad.get(0).isNullAt(0) ? "null" : bad.get(0).getLong(0))
                    + " is " + (bad.get(0).isNullAt(0) ? "missing" : "negative") + "; ids must be >= 0");
        }
        List<Row> dup = table.groupBy(ID).count().filter(functions.col("count").gt(1)).orderBy(ID).select(ID).limit(1)
                .collectAsList();
        if (!dup.isEmpty()) {
            throw new HashingException(what + ": id " + dup.get(0).getLong(0) + " appears twice");
        }
        return table;
    }

    /**
     * Reads a code table: a {@code .npy} code file on the driver's file system (with its
     * {@code .npy.json} sidecar; {@code ids} and {@code paths} text files as for
     * {@code hashing index build}, either may be null), or else a Parquet code table at any Hadoop
     * file system location.
     */
    public static Dataset<Row> fromFile(SparkSession spark, String location, Path ids, Path paths, int partitions) {
        if (location.endsWith(".npy")) {
            BinaryCodes codes = CodeFiles.read(Path.of(location));
            long[] idArray = ids == null ? null : IndexImport.readIds(ids);
            if (idArray != null) {
                checkIds(idArray, ids.toString());
            }
            List<String> pathList = paths == null ? null : IndexImport.readLines(paths);
            if (idArray != null && idArray.length != codes.size()) {
                throw new HashingException(ids + ": " + idArray.length + " ids, but " + location + " holds "
                        + codes.size() + " codes");
            }
            if (pathList != null && pathList.size() != codes.size()) {
                throw new HashingException(paths + ": " + pathList.size() + " paths, but " + location + " holds "
                        + codes.size() + " codes");
            }
            return fromCodes(spark, codes, idArray, pathList, partitions);
        }
        if (ids != null || paths != null) {
            throw new HashingException(location + ": id and path lists only go with a .npy code file; a Parquet"
                    + " code table has its own id and path columns");
        }
        Dataset<Row> table = SparkOutputs.readParquet(spark, location);
        bits(table, location);
        return checkIds(table, location);
    }

    /** Codes, ids and paths collected on the driver, in ascending id order. */
    public record Collected(BinaryCodes codes, long[] ids, List<String> paths) {
        /** Whether any item has a path. */
        public boolean hasPaths() {
            return paths.stream().anyMatch(p -> p != null);
        }
    }

    /** Collects a code table on the driver in ascending id order, streaming one partition at a time. */
    public static Collected collect(Dataset<Row> table, String what) {
        int bits = bits(table, what);
        int bpc = (bits + 7) >>> 3;
        boolean withPaths = hasPathColumn(table);
        Dataset<Row> sorted = (withPaths ? table.select(ID, PATH, CODE)
                : table.select(functions.col(ID), functions.lit(null).cast("string").as(PATH), functions.col(CODE)))
                .orderBy(ID);
        long n = table.count();
        if (n * bpc > Integer.MAX_VALUE - 8) {
            throw new HashingException(what + ": " + n + " codes are too many to collect on the driver; export it"
                    + " in parts or keep it in Parquet");
        }
        byte[] packed = new byte[(int) n * bpc];
        long[] ids = new long[(int) n];
        List<String> paths = new ArrayList<>((int) n);
        Iterator<Row> it = sorted.toLocalIterator();
        int i = 0;
        while (it.hasNext()) {
            Row r = it.next();
            if (i >= n) {
                throw new HashingException(what + ": the table changed while it was read");
            }
            ids[i] = r.getLong(0);
            paths.add(withPaths ? r.getString(1) : null);
            byte[] code = (byte[]) r.get(2);
            if (code.length != bpc) {
                throw new HashingException(what + ": item " + ids[i] + " has a code of " + code.length + " bytes, expected "
                        + bpc + " for " + bits + " bits");
            }
            System.arraycopy(code, 0, packed, i * bpc, bpc);
            i++;
        }
        if (i != n) {
            throw new HashingException(what + ": the table changed while it was read");
        }
        return new Collected(BinaryCodes.fromPackedBytes(packed, (int) n, bits), ids, paths);
    }

    private static boolean hasPathColumn(Dataset<Row> table) {
        return Arrays.asList(table.schema().fieldNames()).contains(PATH);
    }

    /** The id list written next to an exported code file: {@code db.npy} → {@code db.ids.txt}. */
    public static Path idsFileOf(Path npy) {
        return npy.resolveSibling(stem(npy) + ".ids.txt");
    }

    /** The path list written next to an exported code file: {@code db.npy} → {@code db.paths.txt}. */
    public static Path pathsFileOf(Path npy) {
        return npy.resolveSibling(stem(npy) + ".paths.txt");
    }

    private static String stem(Path npy) {
        String name = npy.getFileName().toString();
        return name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * Writes a code table in the layout {@code hashing index build} imports: {@code npy} (+ its
     * {@code .npy.json} sidecar), {@link #idsFileOf} and, when any item has a path,
     * {@link #pathsFileOf}; items in ascending id order, every file written atomically. The code file
     * goes last, so a crash never leaves a code file next to stale lists.
     *
     * @return the number of codes written
     */
    public static int exportNpy(Dataset<Row> table, Path npy, String what) {
        if (!npy.getFileName().toString().endsWith(".npy")) {
            throw new HashingException(npy + ": the exported code file must end in .npy");
        }
        Collected c = collect(table, what);
        StringBuilder ids = new StringBuilder();
        for (long id : c.ids()) {
            ids.append(id).append('\n');
        }
        AtomicFiles.writeBytes(idsFileOf(npy), ids.toString().getBytes(StandardCharsets.UTF_8));
        if (c.hasPaths()) {
            StringBuilder paths = new StringBuilder();
            for (String p : c.paths()) {
                if (p == null || p.isBlank() || p.contains("\n")) {
                    throw new HashingException(what + ": an item has no usable path ('" + p + "'); a path list needs"
                            + " one path per item");
                }
                paths.append(p).append('\n');
            }
            AtomicFiles.writeBytes(pathsFileOf(npy), paths.toString().getBytes(StandardCharsets.UTF_8));
        }
        CodeFiles.write(npy, c.codes());
        return c.codes().size();
    }
}
