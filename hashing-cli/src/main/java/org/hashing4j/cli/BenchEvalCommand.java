package org.hashing4j.cli;

import java.util.concurrent.Callable;
import org.hashing4j.eval.bench.EvalBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hashing bench-eval}: times mAP@all + P@H<=2 on synthetic codes ({@link EvalBenchmark}). */
@Command(name = "bench-eval", mixinStandardHelpOptions = true,
        description = {"Times the evaluation (mAP@all + P@H<=2) of synthetic codes: by default 10,000 queries x"
                + " 60,000 database codes x 64 bits in 10 classes on 2 threads; warm-up runs, then timed runs;"
                + " prints seconds (wall, and CPU per thread, which is what an idle machine would show)."})
public final class BenchEvalCommand implements Callable<Integer> {
    @Option(names = "--queries", defaultValue = "10000", description = "Query codes (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--database", defaultValue = "60000", description = "Database codes (default: ${DEFAULT-VALUE}).")
    int database;

    @Option(names = "--bits", defaultValue = "64", description = "Code length (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--classes", defaultValue = "10", description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--ranked-list", description = "Time the literal ranked-list walk instead of the fast path.")
    boolean rankedList;

    @Override
    public Integer call() {
        EvalBenchmark.Settings s = new EvalBenchmark.Settings();
        s.queries = queries;
        s.database = database;
        s.bits = bits;
        s.classes = classes;
        s.threads = threads;
        s.warmup = warmup;
        s.runs = runs;
        s.rankedList = rankedList;
        EvalBenchmark.run(s, System.out);
        return 0;
    }
}
