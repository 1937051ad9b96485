package org.hashing4j.bench;

import java.util.concurrent.TimeUnit;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.index.IndexKind;
import org.hashing4j.core.index.SearchResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency per query of exact top-k (k = 1, 10, 100) and radius-2 search, for both index kinds, on
 * random and clustered codes ({@link BenchData}). Each invocation answers a batch of
 * {@value #BATCH} queries (different ones each time, 256 in rotation), and JMH divides by the batch,
 * so scores are microseconds per query. With 2 threads the batch is spread over both.
 *
 * <p>Exhaustive-scan throughput per thread follows as n / (latency × threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class SearchBenchmark {
    static final int BATCH = 16;
    static final int QUERIES = 256;

    @Param({"exhaustive", "mih"})
    public String kind;

    @Param({"1000000", "10000000"})
    public int n;

    @Param({"64", "128"})
    public int bits;

    @Param({"random", "clustered"})
    public String data;

    @Param({"1", "2"})
    public int threads;

    private HammingIndex index;
    private BinaryCodes[] batches;
    private int next;

    @Setup
    public void setup() {
        index = HammingIndex.create(IndexKind.parse(kind), bits, threads);
        index.add(BenchData.database(data, n, bits, 42));
        BinaryCodes q = BenchData.queries(data, QUERIES, bits, 42);
        batches = new BinaryCodes[QUERIES / BATCH];
        for (int b = 0; b < batches.length; b++) {
            int[] rows = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                rows[i] = b * BATCH + i;
            }
            batches[b] = q.select(rows);
        }
    }

    private BinaryCodes batch() {
        next = (next + 1) % batches.length;
        return batches[next];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public SearchResult top1() {
        return index.search(batch(), 1);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public SearchResult top10() {
        return index.search(batch(), 10);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public SearchResult top100() {
        return index.search(batch(), 100);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public SearchResult radius2() {
        return index.rangeSearch(batch(), 2);
    }
}
