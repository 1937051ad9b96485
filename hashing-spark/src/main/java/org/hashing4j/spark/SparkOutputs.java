package org.hashing4j.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.HashingException;

/**
 * Writes job results so that no reader ever takes a partial result for a complete one.
 *
 * <p>Parquet: Spark writes into a hidden sibling folder ({@code .<name>.tmp-<uuid>}) through its
 * output committer, which publishes only the files of committed task attempts (a retried task
 * leaves neither missing nor duplicated rows) and adds {@code _SUCCESS} at job commit; only then is
 * the folder renamed to the target (atomic on HDFS and local disks). A failed or interrupted job
 * deletes its temporary folder and leaves the target as it was. CSV ({@code .csv} targets, for
 * results a person or a script reads): streamed through the driver in sorted order into a temporary
 * file that is renamed over the target.
 */
public final class SparkOutputs {
    private SparkOutputs() {
    }

    /** Whether {@code out} names a CSV file (else a Parquet folder). */
    public static boolean isCsv(String out) {
        return out.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }

    /**
     * Writes {@code table} to {@code out}: CSV when it ends in {@code .csv} (a header line, then rows
     * sorted by {@code sortColumns}), else a Parquet folder. Replaces an existing target.
     */
    public static void write(Dataset<Row> table, String out, String... sortColumns) {
        if (isCsv(out)) {
            writeCsv(sortColumns.length == 0 ? table : table.orderBy(sortColumns[0],
                    java.util.Arrays.copyOfRange(sortColumns, 1, sortColumns.length)), out);
        } else {
            writeParquet(table, out);
        }
    }

    /** Reads a Parquet folder or file; a missing location is a one-line error. */
    public static Dataset<Row> readParquet(SparkSession spark, String location) {
        Path p = new Path(location);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new HashingException(location + ": no such file or folder");
            }
        } catch (IOException e) {
            throw new HashingException(location + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return spark.read().parquet(location);
        } catch (RuntimeException e) {
            throw new HashingException(location + ": not a readable Parquet table (" + firstLine(e) + ")", e);
        }
    }

    /** Writes a Parquet folder through Spark's committer into a temporary folder, then renames it. */
    public static void writeParquet(Dataset<Row> table, String out) {
        Configuration conf = table.sparkSession().sparkContext().hadoopConfiguration();
        Path target = new Path(out);
        Path tmp = new Path(parentOf(target), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        FileSystem fs = fileSystem(target, conf);
        Thread cleanup = cleanupHook(fs, tmp);
        try {
            table.write().parquet(tmp.toString());
            if (!fs.exists(new Path(tmp, "_SUCCESS"))) {
                throw new HashingException(out + ": the job finished without committing its output");
            }
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new HashingException(out + ": cannot replace the existing output");
            }
            if (!fs.rename(tmp, target)) {
                throw new HashingException(out + ": cannot move the finished output into place");
            }
        } catch (IOException e) {
            throw new HashingException(out + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            deleteQuietly(fs, tmp);
            removeHook(cleanup);
        }
    }

    /** Streams {@code table} (already in the wanted order) into a CSV file with a header line. */
    public static void writeCsv(Dataset<Row> table, String out) {
        StructField[] fields = table.schema().fields();
        for (StructField f : fields) {
            DataType t = f.dataType();
            if (!(t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.DoubleType)
                    || t.equals(DataTypes.StringType))) {
                throw new HashingException(out + ": column '" + f.name() + "' (" + t.simpleString()
                        + ") cannot go into a CSV file; write Parquet instead");
            }
        }
        Configuration conf = table.sparkSession().sparkContext().hadoopConfiguration();
        Path target = new Path(out);
        FileSystem fs = fileSystem(target, conf);
        if (fs instanceof LocalFileSystem local) {
            // The core's atomic writer: temp file in the same folder, then an atomic rename.
            AtomicFiles.write(local.pathToFile(target).toPath(), o -> writeRows(table, fields, o));
            return;
        }
        Path tmp = new Path(parentOf(target), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        Thread cleanup = cleanupHook(fs, tmp);
        try {
            try (OutputStream o = fs.create(tmp, false)) {
                writeRows(table, fields, o);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new HashingException(out + ": cannot replace the existing file");
            }
            if (!fs.rename(tmp, target)) {
                throw new HashingException(out + ": cannot move the finished file into place");
            }
        } catch (IOException e) {
            throw new HashingException(out + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            deleteQuietly(fs, tmp);
            removeHook(cleanup);
        }
    }

    private static void writeRows(Dataset<Row> table, StructField[] fields, OutputStream o) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
        for (int i = 0; i < fields.length; i++) {
            w.write(i == 0 ? "" : ",");
            w.write(fields[i].name());
        }
        w.write('\n');
        Iterator<Row> it = table.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    w.write(',');
                }
                Object v = r.get(i);
                w.write(v == null ? "" : csvField(v.toString()));
            }
            w.write('\n');
        }
        w.flush();
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static Path parentOf(Path p) {
        Path parent = p.getParent();
        return parent == null ? new Path(".") : parent;
    }

    private static FileSystem fileSystem(Path p, Configuration conf) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException e) {
            throw new HashingException(p + ": no file system for this location (" + e.getMessage() + ")", e);
        }
    }

    /** On Ctrl-C the JVM runs shutdown hooks: drop the temporary output there too. */
    private static Thread cleanupHook(FileSystem fs, Path tmp) {
        Thread t = new Thread(() -> deleteQuietly(fs, tmp), "hashing-spark-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(t);
        } catch (IllegalStateException shuttingDown) {
            // already shutting down: the finally block cleans up
        }
        return t;
    }

    private static void removeHook(Thread t) {
        try {
            Runtime.getRuntime().removeShutdownHook(t);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; nothing to undo
        }
    }

    private static void deleteQuietly(FileSystem fs, Path p) {
        try {
            if (fs.exists(p)) {
                fs.delete(p, true);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a leftover hidden .tmp folder never looks like a finished output
        }
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** For messages: wraps an I/O error in the one-line form. */
    static HashingException io(String what, IOException e) {
        return new HashingException(what + ": " + e.getMessage(), new UncheckedIOException(e));
    }
}
