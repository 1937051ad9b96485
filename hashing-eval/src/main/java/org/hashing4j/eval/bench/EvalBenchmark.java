package org.hashing4j.eval.bench;

import java.util.Arrays;
import java.util.Locale;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.eval.SyntheticCodes;

/**
 * Times the evaluation that papers report most: mAP@all plus P@H≤2, by default for 10,000 queries
 * against 60,000 database codes of 64 bits in 10 classes (the size of the Fashion-MNIST / MNIST
 * "standard" protocol), on 2 threads. Codes are synthetic ({@link SyntheticCodes}: class centres
 * with 20% of the bits flipped), so the ranking has realistic structure.
 *
 * <p>Runs {@code --warmup} untimed evaluations (JIT compilation), then {@code --runs} timed ones,
 * and prints each time and the best and median in seconds. {@code --ranked-list} times the literal
 * ranked-list walk instead, for comparison.
 *
 * <pre>
 * java -cp "hashing-eval/target/classes:$(cat hashing-cli/target/classpath.txt)" \
 *     org.hashing4j.eval.bench.EvalBenchmark [--queries 10000] [--database 60000] [--bits 64]
 *     [--classes 10] [--threads 2] [--warmup 2] [--runs 5] [--ranked-list]
 * </pre>
 * or {@code ./hashing bench-eval} with the same options.
 */
public final class EvalBenchmark {
    private EvalBenchmark() {
    }

    /** Benchmark settings. */
    public static final class Settings {
        public int queries = 10_000;
        public int database = 60_000;
        public int bits = 64;
        public int classes = 10;
        public int threads = 2;
        public int warmup = 2;
        public int runs = 5;
        public double flip = 0.2;
        public long seed = 42;
        public boolean rankedList;
    }

    public static void main(String[] args) {
        Settings s = new Settings();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--ranked-list")) {
                s.rankedList = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage("missing value for " + a);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--queries": s.queries = Integer.parseInt(v); break;
                    case "--database": s.database = Integer.parseInt(v); break;
                    case "--bits": s.bits = Integer.parseInt(v); break;
                    case "--classes": s.classes = Integer.parseInt(v); break;
                    case "--threads": s.threads = Integer.parseInt(v); break;
                    case "--warmup": s.warmup = Integer.parseInt(v); break;
                    case "--runs": s.runs = Integer.parseInt(v); break;
                    case "--flip": s.flip = Double.parseDouble(v); break;
                    case "--seed": s.seed = Long.parseLong(v); break;
                    default: usage("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                usage("bad number for " + a + ": " + v);
            }
        }
        run(s, System.out);
    }

    private static void usage(String why) {
        System.err.println("error: " + why);
        System.err.println("usage: EvalBenchmark [--queries N] [--database N] [--bits B] [--classes C] [--threads T]"
                + " [--warmup W] [--runs R] [--flip P] [--seed S] [--ranked-list]");
        System.exit(2);
    }

    /** Runs the benchmark, printing to {@code out}; returns the timed runs' seconds. */
    public static double[] run(Settings s, java.io.PrintStream out) {
        SyntheticCodes q = SyntheticCodes.generate(s.queries, s.bits, s.classes, s.flip, s.seed, s.seed + 1);
        SyntheticCodes db = SyntheticCodes.generate(s.database, s.bits, s.classes, s.flip, s.seed, s.seed + 2);
        Relevance rel = Relevance.ofLabels(Labels.singleLabel(q.labels()), Labels.singleLabel(db.labels()));
        EvalOptions options = EvalOptions.builder().topK(EvalOptions.ALL).radii(2).precisionAtN()
                .prCurve(false).threads(s.threads).build();
        out.printf(Locale.ROOT, "EvalBenchmark: mAP@all + P@H<=2, %,d queries x %,d database codes x %d bits, "
                + "%d classes, %d threads, %s path (%d CPUs available)%n", s.queries, s.database, s.bits, s.classes,
                s.threads, s.rankedList ? "ranked-list" : "bucket", Runtime.getRuntime().availableProcessors());
        RetrievalMetrics m = null;
        for (int i = 0; i < s.warmup; i++) {
            long t0 = System.nanoTime();
            m = evaluate(q.codes(), db.codes(), rel, options, s.rankedList);
            out.printf(Locale.ROOT, "  warm-up %d: %.3f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
        }
        double[] seconds = new double[s.runs];
        double[] cpuPerThread = new double[s.runs];
        for (int i = 0; i < s.runs; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            m = evaluate(q.codes(), db.codes(), rel, options, s.rankedList);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpuPerThread[i] = (processCpuNanos() - c0) / 1e9 / s.threads;
            out.printf(Locale.ROOT, "  run %d: %.3f s wall, %.3f s CPU per thread%n", i + 1, seconds[i],
                    cpuPerThread[i]);
        }
        if (m != null) {
            out.printf(Locale.ROOT, "  mAP@all = %.6f, P@H<=2 = %.6f (%d queries with nothing within radius 2)%n",
                    m.mapAll(), m.precisionWithinRadius(2), m.emptyWithinRadius(2));
        }
        if (s.runs > 0) {
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double[] cpu = cpuPerThread.clone();
            Arrays.sort(cpu);
            out.printf(Locale.ROOT, "best %.3f s, median %.3f s wall over %d runs; median CPU per thread %.3f s "
                    + "(the wall time to expect with %d idle cores)%n", sorted[0], sorted[sorted.length / 2], s.runs,
                    cpu[cpu.length / 2], s.threads);
        }
        return seconds;
    }

    /** CPU time of the whole process (all threads), or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    private static RetrievalMetrics evaluate(BinaryCodes q, BinaryCodes db, Relevance rel, EvalOptions o,
            boolean rankedList) {
        return rankedList ? RetrievalEvaluator.evaluateByRankedList(q, db, rel, o)
                : RetrievalEvaluator.evaluate(q, db, rel, o);
    }
}
