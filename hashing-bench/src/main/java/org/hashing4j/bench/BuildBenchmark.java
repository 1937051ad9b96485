package org.hashing4j.bench;

import java.util.concurrent.TimeUnit;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.index.IndexKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to build an index from codes already in memory: one {@code add} of all n codes (for
 * multi-index hashing this builds the m substring tables).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BuildBenchmark {
    @Param({"exhaustive", "mih"})
    public String kind;

    @Param({"1000000", "10000000"})
    public int n;

    @Param({"64", "128"})
    public int bits;

    @Param({"random", "clustered"})
    public String data;

    private BinaryCodes codes;

    @Setup
    public void setup() {
        codes = BenchData.database(data, n, bits, 42);
    }

    @Benchmark
    public HammingIndex build() {
        HammingIndex index = HammingIndex.create(IndexKind.parse(kind), bits, 1);
        index.add(codes);
        return index;
    }
}
