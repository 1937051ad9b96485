package org.hashing4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.index.ExhaustiveIndex;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.index.MultiIndexHashing;
import org.hashing4j.core.index.SearchResult;

/**
 * The benchmark grid measured in <em>CPU time</em> as well as wall-clock time, plus build time and
 * heap bytes per item, written as Markdown tables. On a machine shared with other jobs wall-clock
 * latencies mostly measure the queue for a core; the process CPU time spent per query (all search
 * threads together, from {@code OperatingSystemMXBean.getProcessCpuTime}) does not, so the scan
 * throughput per thread (n / CPU time per query) and the MIH-vs-scan ratios are read from it. The
 * JMH benchmarks ({@link SearchBenchmark}, {@link BuildBenchmark}) give the usual wall-clock scores.
 *
 * <p>Usage: {@code java -Xmx8g -cp benchmarks.jar org.hashing4j.bench.BenchReport [out.md] [n,n,...]}.
 * Each result checks the multi-index answer against the scan's, so a wrong fast answer cannot pass.
 */
public final class BenchReport {
    private static final int QUERIES = 256;
    private static final int BATCH = 16;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private BenchReport() {
    }

    /** CPU and wall time per query, in microseconds. */
    private record Timing(double cpuMicros, double wallMicros) {
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        int[] sizes = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000_000, 10_000_000};
        StringBuilder latency = new StringBuilder();
        StringBuilder summary = new StringBuilder();
        StringBuilder build = new StringBuilder();
        latency.append("| n | bits | data | threads | index | k=1 | k=10 | k=100 | r≤2 |\n|---|---|---|---|---|---|---|---|---|\n");
        summary.append("| n | bits | data | threads | scan codes/s/thread (k=10) | MIH speed-up k=10 | MIH speed-up r≤2 |\n"
                + "|---|---|---|---|---|---|---|\n");
        build.append("| n | bits | data | index | build (s, CPU) | build (s, wall) | heap bytes/item | MIH substrings |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (int n : sizes) {
            for (int bits : new int[] {64, 128}) {
                for (String data : new String[] {"random", "clustered"}) {
                    BinaryCodes codes = BenchData.database(data, n, bits, 42);
                    BinaryCodes queries = BenchData.queries(data, QUERIES, bits, 42);
                    for (int threads : new int[] {1, 2}) {
                        HammingIndex[] indexes = new HammingIndex[2];
                        for (int kind = 0; kind < 2; kind++) {
                            indexes[kind] = null;
                            System.gc();
                            long used0 = usedHeap();
                            long c0 = OS.getProcessCpuTime();
                            long w0 = System.nanoTime();
                            HammingIndex index = kind == 0 ? new ExhaustiveIndex(bits, threads)
                                    : new MultiIndexHashing(bits, threads);
                            index.add(codes);
                            double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
                            double wall = (System.nanoTime() - w0) / 1e9;
                            System.gc();
                            double perItem = (usedHeap() - used0) / (double) n;
                            indexes[kind] = index;
                            if (threads == 1) {
                                build.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %.2f | %.1f | %s |%n",
                                        millions(n), bits, data, kind == 0 ? "exhaustive" : "MIH", cpu, wall, perItem,
                                        kind == 0 ? "" : String.valueOf(((MultiIndexHashing) index).substrings())));
                            }
                        }
                        Timing[][] t = new Timing[2][4];
                        for (int kind = 0; kind < 2; kind++) {
                            for (int mode = 0; mode < 4; mode++) {
                                t[kind][mode] = time(indexes[kind], queries, mode);
                            }
                        }
                        check(indexes[0], indexes[1], queries);
                        for (int kind = 0; kind < 2; kind++) {
                            latency.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s |", millions(n), bits, data,
                                    threads, kind == 0 ? "exhaustive" : "MIH"));
                            for (int mode = 0; mode < 4; mode++) {
                                latency.append(String.format(Locale.ROOT, " %s (%s) |", fmt(t[kind][mode].cpuMicros),
                                        fmt(t[kind][mode].wallMicros)));
                            }
                            latency.append('\n');
                        }
                        double perThread = n / (t[0][1].cpuMicros / 1e6) / 1e9;
                        summary.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %.2f·10⁹ | %.0f× | %.0f× |%n",
                                millions(n), bits, data, threads, perThread, t[0][1].cpuMicros / t[1][1].cpuMicros,
                                t[0][3].cpuMicros / t[1][3].cpuMicros));
                        System.err.print(latency.substring(latency.lastIndexOf("\n", latency.length() - 2) + 1));
                        indexes = null;
                    }
                }
            }
        }
        String md = "### Search latency, microseconds per query: CPU time (wall-clock time)\n\n" + latency
                + "\n### Scan throughput and multi-index speed-up (from CPU time)\n\n" + summary
                + "\n### Build time and memory (1 thread)\n\n" + build;
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md, StandardCharsets.UTF_8);
        }
    }

    /**
     * Times one query type (0: k=1, 1: k=10, 2: k=100, 3: radius 2) over the 256 queries in batches
     * of 16, after a warm-up.
     */
    private static Timing time(HammingIndex index, BinaryCodes queries, int mode) {
        List<BinaryCodes> batches = new ArrayList<>();
        for (int b = 0; b < QUERIES / BATCH; b++) {
            int[] rows = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                rows[i] = b * BATCH + i;
            }
            batches.add(queries.select(rows));
        }
        // Warm-up: at least two batches and half a second, so the JIT has compiled the search.
        long warm = System.nanoTime();
        for (int i = 0; i < 2 || System.nanoTime() - warm < 500_000_000L; i++) {
            run(index, batches.get(i % batches.size()), mode);
        }
        long c0 = OS.getProcessCpuTime();
        long w0 = System.nanoTime();
        int done = 0;
        // Repeat the 256 queries until one second of CPU time (the OS counts CPU time in ticks of
        // about 10 ms) or eight seconds of wall time.
        do {
            for (BinaryCodes b : batches) {
                run(index, b, mode);
                done += BATCH;
            }
        } while (OS.getProcessCpuTime() - c0 < 1_000_000_000L && System.nanoTime() - w0 < 8_000_000_000L);
        return new Timing((OS.getProcessCpuTime() - c0) / 1e3 / done, (System.nanoTime() - w0) / 1e3 / done);
    }

    private static SearchResult run(HammingIndex index, BinaryCodes batch, int mode) {
        switch (mode) {
            case 0:
                return index.search(batch, 1);
            case 1:
                return index.search(batch, 10);
            case 2:
                return index.search(batch, 100);
            default:
                return index.rangeSearch(batch, 2);
        }
    }

    private static void check(HammingIndex scan, HammingIndex mih, BinaryCodes queries) {
        for (int mode = 0; mode < 4; mode++) {
            if (!run(scan, queries, mode).equals(run(mih, queries, mode))) {
                throw new IllegalStateException("MIH and scan disagree (mode " + mode + ")");
            }
        }
    }

    private static long usedHeap() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static String millions(int n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : String.valueOf(n);
    }

    private static String fmt(double micros) {
        return micros >= 100 ? String.format(Locale.ROOT, "%,.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }
}
