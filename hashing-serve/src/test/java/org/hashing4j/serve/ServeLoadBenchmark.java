package org.hashing4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.core.index.IndexKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on a served index of 1,000,000 random 64-bit codes (exhaustive scan, one search thread per
 * request) from 1, 8 and 32 concurrent clients on localhost, each level a bounded number of
 * {@code POST /api/search} requests (k = 10, one query each): requests/s, p50 and p99 latency, errors.
 * A benchmark, not a unit test: tagged "slow", run with
 * {@code ./mvnw test -pl hashing-serve -am -Dtest.groups.excluded= -Dtest=ServeLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class ServeLoadBenchmark {
    private static final int CODES = 1_000_000;
    private static final int REQUESTS = Integer.getInteger("serve.bench.requests", 2000);

    @TempDir
    Path dir;

    @Test
    void concurrentClients() throws Exception {
        Random rnd = new Random(1);
        long[] words = new long[CODES];
        for (int i = 0; i < CODES; i++) {
            words[i] = rnd.nextLong();
        }
        Path idx = dir.resolve("1m.idx");
        IndexFile.create(idx, BinaryCodes.fromWords(CODES, 64, words), null, null, IndexKind.EXHAUSTIVE, 0);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            byte[] q = new byte[8];
            rnd.nextBytes(q);
            bodies.add("{\"codes\":[\"" + HexFormat.of().formatHex(q) + "\"],\"k\":10}");
        }
        StringBuilder table = new StringBuilder("| clients | requests | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        try (SearchServer server = SearchServer.start(ServeOptions.of(idx).withAddress("127.0.0.1", 0).withReloadMillis(0))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/search");
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            run(http, uri, bodies, 4, 200, null); // warm-up: JIT, connections
            for (int clients : new int[] {1, 8, 32}) {
                run(http, uri, bodies, clients, REQUESTS, table);
            }
        }
        System.out.println("ServeLoadBenchmark, " + CODES + " codes of 64 bits, exhaustive, "
                + Runtime.getRuntime().availableProcessors() + " processors\n" + table);
    }

    private static void run(HttpClient http, URI uri, List<String> bodies, int clients, int requests, StringBuilder table)
            throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().startsWith("{\"results\":[[{\"id\":")) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        if (table != null) {
            table.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.2f | %.2f | %d |%n", clients, requests,
                    requests / seconds, latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6, errors.get()));
        }
        assertEquals(0, errors.get(), "errors at " + clients + " clients");
    }
}
