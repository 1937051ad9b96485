package org.hashing4j.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.spark.CodeTable;
import org.hashing4j.spark.DistributedEncoder;
import org.hashing4j.spark.DistributedEvaluator;
import org.hashing4j.spark.DistributedSearch;
import org.hashing4j.spark.ModelBroadcast;
import org.hashing4j.spark.NearDuplicateJoin;
import org.hashing4j.spark.SparkOutputs;
import org.hashing4j.spark.SparkSessions;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Spark entry point: {@code spark-submit --class org.hashing4j.spark.cli.SparkMain app.jar
 * encode|search|join|evaluate|export ...}, and {@code ./hashing spark ...} in local mode. The
 * subcommands take the options of their single-machine counterparts where they mean the same.
 * Errors print one line and exit 2 (bad input) or 1; {@code --debug} adds the stack trace.
 */
@Command(name = "hashing spark", mixinStandardHelpOptions = true,
        description = "Encode, search, near-duplicate join and evaluate on Apache Spark.",
        subcommands = {SparkMain.Encode.class, SparkMain.Search.class, SparkMain.Join.class, SparkMain.Evaluate.class,
            SparkMain.Export.class})
public final class SparkMain implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options every subcommand takes. */
    static final class Common {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*]).")
        String master;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
                description = "Partitions for inputs read on the driver (default: Spark's default parallelism).")
        int partitions;

        @Option(names = "--debug", description = "Print stack traces of errors.")
        boolean debug;

        SparkSession session(String job) {
            SparkSession s = SparkSessions.create("hashing " + job, master);
            if (partitions < 0) {
                throw new HashingException("--partitions must be >= 0, got " + partitions);
            }
            return s;
        }

        int partitions(SparkSession s) {
            return partitions > 0 ? partitions : s.sparkContext().defaultParallelism();
        }
    }

    /** {@code encode}: images or feature vectors to a code table. */
    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Encode images (list file or class folders) or feature vectors with a trained model.")
    static final class Encode implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (any Hadoop path).")
        String model;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Input input;

        static final class Input {
            @Option(names = "--list", paramLabel = "FILE", description = "List file: 'path [0 1 ...]' per line.")
            String list;

            @Option(names = "--folder", paramLabel = "DIR", description = "Folder of class subfolders of images.")
            String folder;

            @Option(names = "--features", paramLabel = "FILE",
                    description = "Feature vectors: float .npy (driver-local) or Parquet with id, features columns.")
            String features;
        }

        @Option(names = "--image-root", paramLabel = "DIR", description = "Folder list-file paths are relative to (default: the list file's).")
        String imageRoot;

        @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Items per encoding batch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "Code table (Parquet folder), or a .npy file: codes + .npy.json + .ids.txt (+ .paths.txt) for 'hashing index build'.")
        String out;

        @Override
        public Integer call() {
            SparkSession spark = common.session("encode");
            int parts = common.partitions(spark);
            ModelBroadcast m = ModelBroadcast.of(spark, model);
            long t0 = System.nanoTime();
            Dataset<Row> codes;
            if (input.features != null) {
                Dataset<Row> f = input.features.endsWith(".npy")
                        ? DistributedEncoder.featuresFromNpy(spark, Path.of(input.features), parts)
                        : CodeTable.checkIds(SparkOutputs.readParquet(spark, input.features), input.features);
                codes = DistributedEncoder.encodeFeatures(f, m, batchSize);
            } else {
                Dataset<Row> images = input.list != null ? DistributedEncoder.listFile(spark, input.list, imageRoot, parts)
                        : DistributedEncoder.folder(spark, input.folder, parts);
                codes = DistributedEncoder.encodeImages(images, m, batchSize);
            }
            long n;
            if (out.endsWith(".npy")) {
                n = CodeTable.exportNpy(codes, Path.of(out), model);
            } else {
                SparkOutputs.writeParquet(codes, out);
                n = SparkOutputs.readParquet(spark, out).count();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "Encoded %d items to %d-bit codes in %.1fs (%.0f items/s): %s%n", n, m.bits(),
                    secs, n / Math.max(secs, 1e-9), out);
            return 0;
        }
    }

    /** {@code search}: exact top-k or radius search of a code table. */
    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Exact top-k or radius search of database codes for a batch of query codes.")
    static final class Search implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--index-codes", required = true, paramLabel = "DB",
                description = "Database codes: .npy code file or Parquet code table.")
        String database;

        @Option(names = "--ids", paramLabel = "FILE", description = "With a .npy database: one id per line (default 0, 1, 2, ...).")
        Path ids;

        @Option(names = "--queries", required = true, paramLabel = "Q",
                description = "Query codes: .npy (queries 0, 1, 2, ...) or a Parquet code table (its ids).")
        String queries;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Mode mode;

        static final class Mode {
            @Option(names = {"-k", "--k"}, paramLabel = "K", description = "The K nearest codes per query.")
            Integer k;

            @Option(names = {"-r", "--radius"}, paramLabel = "R", description = "Every code within Hamming distance R.")
            Integer radius;
        }

        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "Results: CSV (query,rank,id,distance) when it ends in .csv, else Parquet.")
        String out;

        @Override
        public Integer call() {
            SparkSession spark = common.session("search");
            int parts = common.partitions(spark);
            Dataset<Row> db = CodeTable.fromFile(spark, database, ids, null, parts);
            BinaryCodes q;
            long[] qids = null;
            if (queries.endsWith(".npy")) {
                q = CodeFiles.read(Path.of(queries));
            } else {
                CodeTable.Collected c = CodeTable.collect(CodeTable.fromFile(spark, queries, null, null, parts), queries);
                q = c.codes();
                qids = c.ids();
            }
            long t0 = System.nanoTime();
            Dataset<Row> result = mode.k != null ? DistributedSearch.search(db, q, qids, mode.k)
                    : DistributedSearch.rangeSearch(db, q, qids, mode.radius);
            SparkOutputs.write(result, out, "query", "rank");
            System.out.printf(Locale.ROOT, "Searched %d queries in %.1fs: %s%n", q.size(), (System.nanoTime() - t0) / 1e9, out);
            return 0;
        }
    }

    /** {@code join}: all pairs within a Hamming radius. */
    @Command(name = "join", mixinStandardHelpOptions = true,
            description = "Exact near-duplicate self-join: every pair of codes within Hamming distance R.")
    static final class Join implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--codes", required = true, paramLabel = "CODES", description = ".npy code file or Parquet code table.")
        String codes;

        @Option(names = "--ids", paramLabel = "FILE", description = "With a .npy file: one id per line (default 0, 1, 2, ...).")
        Path ids;

        @Option(names = {"-r", "--radius"}, required = true, paramLabel = "R", description = "Largest Hamming distance of a pair.")
        int radius;

        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "Pairs: CSV (id1,id2,distance) when it ends in .csv, else Parquet.")
        String out;

        @Override
        public Integer call() {
            SparkSession spark = common.session("join");
            Dataset<Row> table = CodeTable.fromFile(spark, codes, ids, null, common.partitions(spark));
            long t0 = System.nanoTime();
            SparkOutputs.write(NearDuplicateJoin.pairs(table, radius), out, "id1", "id2");
            System.out.printf(Locale.ROOT, "Joined within radius %d in %.1fs: %s%n", radius, (System.nanoTime() - t0) / 1e9, out);
            return 0;
        }
    }

    /** {@code evaluate}: the metrics of {@code hashing evaluate}, sharded by query. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "mAP@k, P@H<=r, R@H<=r, P@N and the PR curve, queries sharded over the cluster.")
    static final class Evaluate implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--queries", required = true, paramLabel = "Q.npy", description = "Query codes.")
        Path queries;

        @Option(names = "--database", required = true, paramLabel = "D.npy", description = "Database codes.")
        Path database;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Truth truth;

        static final class Truth {
            @Option(names = "--neighbours", paramLabel = "NB.npy", description = "Relevant database positions per query (int matrix).")
            Path neighbours;

            @ArgGroup(exclusive = false)
            LabelFiles labels;
        }

        static final class LabelFiles {
            @Option(names = "--query-labels", required = true, paramLabel = "QL.npy", description = "Query labels.")
            Path queryLabels;

            @Option(names = "--db-labels", required = true, paramLabel = "DL.npy", description = "Database labels.")
            Path dbLabels;
        }

        @Option(names = "--topk", paramLabel = "LIST", defaultValue = "all", description = "mAP cut-offs (default: ${DEFAULT-VALUE}).")
        String topK;

        @Option(names = "--radius", paramLabel = "LIST", defaultValue = "0,1,2", description = "Radii of P@H<=r (default: ${DEFAULT-VALUE}).")
        String radius;

        @Option(names = "--pn", paramLabel = "LIST", defaultValue = "1,10,100,1000", description = "N of P@N (default: ${DEFAULT-VALUE}).")
        String precisionAtN;

        @Option(names = "--no-pr-curve", description = "Leave the precision-recall curve out of metrics.json.")
        boolean noPrCurve;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for metrics.json.")
        Path out;

        @Override
        public Integer call() throws Exception {
            EvalOptions options = EvalOptions.builder().topK(EvalOptions.parseTopK(topK))
                    .radii(EvalOptions.parseIntList("--radius", radius, 0))
                    .precisionAtN(EvalOptions.parseIntList("--pn", precisionAtN, 1)).prCurve(!noPrCurve).build();
            BinaryCodes q = CodeFiles.read(queries);
            BinaryCodes db = CodeFiles.read(database);
            DistributedEvaluator.Truth t;
            if (truth.neighbours != null) {
                Npy.Array a = Npy.read(truth.neighbours);
                int[][] nb = a.rank() == 1 ? column(a.toIntVector()) : a.toIntMatrix();
                if (nb.length != q.size()) {
                    throw new HashingException(truth.neighbours + " holds neighbour lists for " + nb.length + " queries but "
                            + queries + " holds " + q.size() + " codes");
                }
                t = DistributedEvaluator.Truth.ofNeighbours(nb);
            } else {
                Labels ql = Labels.readNpy(truth.labels.queryLabels);
                Labels dl = Labels.readNpy(truth.labels.dbLabels);
                if (ql.size() != q.size()) {
                    throw new HashingException(truth.labels.queryLabels + " holds " + ql.size() + " labels but " + queries
                            + " holds " + q.size() + " codes");
                }
                if (dl.size() != db.size()) {
                    throw new HashingException(truth.labels.dbLabels + " holds " + dl.size() + " labels but " + database
                            + " holds " + db.size() + " codes");
                }
                t = DistributedEvaluator.Truth.ofLabels(ql, dl);
            }
            SparkSession spark = common.session("evaluate");
            RetrievalMetrics m = DistributedEvaluator.evaluate(spark, q, db, t, options, common.partitions(spark));
            Map<String, Object> json = new LinkedHashMap<>();
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("queries", queries.toString());
            inputs.put("database", database.toString());
            if (truth.neighbours != null) {
                inputs.put("neighbours", truth.neighbours.toString());
            } else {
                inputs.put("query_labels", truth.labels.queryLabels.toString());
                inputs.put("db_labels", truth.labels.dbLabels.toString());
            }
            json.put("inputs", inputs);
            json.putAll(m.toMap());
            // The layout of `hashing evaluate`'s metrics.json, bit statistics included (cheap: one pass).
            json.put("database_code_statistics", CodeStatistics.of(db).toMap(false));
            Path file = out.resolve("metrics.json");
            AtomicFiles.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json) + "\n");
            System.out.print(m.toTable());
            System.out.printf(Locale.ROOT, "evaluated in %.2f s; wrote %s%n", m.seconds(), file);
            return 0;
        }

        private static int[][] column(int[] v) {
            int[][] m = new int[v.length][];
            for (int i = 0; i < v.length; i++) {
                m[i] = new int[] {v[i]};
            }
            return m;
        }
    }

    /** {@code export}: a Parquet code table to the files {@code hashing index build} imports. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a Parquet code table as .npy codes + .npy.json + .ids.txt (+ .paths.txt).")
    static final class Export implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--codes", required = true, paramLabel = "TABLE", description = "Parquet code table.")
        String codes;

        @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Code file to write.")
        Path out;

        @Override
        public Integer call() {
            SparkSession spark = common.session("export");
            int n = CodeTable.exportNpy(CodeTable.fromFile(spark, codes, null, null, common.partitions(spark)), out, codes);
            System.out.printf(Locale.ROOT, "Exported %d codes to %s (ids: %s); import with: hashing index build --codes %s"
                    + " --ids %s --out FILE.idx%n", n, out, CodeTable.idsFileOf(out), out, CodeTable.idsFileOf(out));
            return 0;
        }
    }

    /** The command line with one-line error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean dbg = parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            PrintWriter err = commandLine.getErr();
            Throwable t = ex;
            // Spark wraps task failures (SparkException: Job aborted ...); the user's error is the cause.
            while (!(t instanceof HashingException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            err.println("error: " + (t instanceof HashingException ? t.getMessage() : firstLine(ex)));
            if (dbg) {
                ex.printStackTrace(err);
            }
            err.flush();
            return t instanceof HashingException ? 2 : 1;
        });
        return cl;
    }

    private static String firstLine(Throwable e) {
        String m = e.toString();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Runs a command line and returns its exit code (leaves the Spark session to the caller). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        int code = run(args);
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(code);
    }
}
