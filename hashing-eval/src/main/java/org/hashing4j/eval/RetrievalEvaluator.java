package org.hashing4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * Hamming-ranking evaluation of binary codes: for every query, the database is ranked by Hamming
 * distance (ascending, ties broken by database index) and scored against the ground truth.
 *
 * <p>Definitions (those of {@code shared/fixtures/eval/*.json}, stated again here):
 * <ul>
 *   <li>AP@k: over the first k ranked items, the mean of precision@i at each relevant position i; a
 *       query with no relevant item in its top k has AP 0; mAP divides by all queries. k = all is
 *       the whole database, and a k larger than the database means the whole database.</li>
 *   <li>Tie-aware AP@k: the expected AP@k when the items at equal distance are in random order
 *       instead of index order ({@link TieAwareAp}, McSherry &amp; Najork 2008); equal to AP@k when
 *       no two items tie.</li>
 *   <li>P@H≤r: precision of the items within Hamming distance ≤ r; a query with no item within the
 *       radius scores 0 and is counted in the "empty" count.</li>
 *   <li>R@H≤r: recall of the relevant items within distance ≤ r (0 for a query with no relevant
 *       item at all).</li>
 *   <li>P@N: precision of the first N ranked items (the first min(N, database size)).</li>
 *   <li>PR curve: mean P@H≤r and mean R@H≤r for every r = 0..bits.</li>
 * </ul>
 *
 * <p>Queries are scored in parallel on a fixed thread pool, one scorer with its own buffers per
 * thread. Sums are taken over fixed blocks of queries in query order, so the result does not depend
 * on the thread count.
 */
public final class RetrievalEvaluator {
    /** Queries per block of the deterministic parallel sum. */
    static final int BLOCK = 64;

    private RetrievalEvaluator() {
    }

    /**
     * Evaluates {@code queries} against {@code database}.
     *
     * @throws HashingException if the bit lengths differ, the ground truth does not cover the
     *                          queries and database, or either set is empty
     */
    public static RetrievalMetrics evaluate(BinaryCodes queries, BinaryCodes database, Relevance relevance,
            EvalOptions options) {
        return evaluate(queries, database, relevance, options, false);
    }

    /**
     * The same metrics computed the literal way: rank the whole database for each query with
     * {@link org.hashing4j.core.HammingRanking} and walk the ranked list. Gives exactly the same
     * numbers as {@link #evaluate(BinaryCodes, BinaryCodes, Relevance, EvalOptions)}, several times
     * slower; for checking and for benchmarks.
     */
    public static RetrievalMetrics evaluateByRankedList(BinaryCodes queries, BinaryCodes database,
            Relevance relevance, EvalOptions options) {
        return evaluate(queries, database, relevance, options, true);
    }

    /** As {@link #evaluate(BinaryCodes, BinaryCodes, Relevance, EvalOptions)}; {@code reference} picks the literal ranked-list scorer. */
    static RetrievalMetrics evaluate(BinaryCodes queries, BinaryCodes database, Relevance relevance,
            EvalOptions options, boolean reference) {
        check(queries, database, relevance);
        IntFunction<QueryScorer> scorers = t -> reference
                ? new RankedListScorer(queries, database, relevance, options)
                : new BucketScorer(queries, database, relevance, options);
        return run(queries.size(), database.size(), database.bits(), relevance, options, scorers);
    }

    private static void check(BinaryCodes queries, BinaryCodes database, Relevance relevance) {
        if (queries.bits() != database.bits()) {
            throw new HashingException("query codes have " + queries.bits() + " bits but database codes have "
                    + database.bits());
        }
        if (queries.size() == 0) {
            throw new HashingException("there are no query codes to evaluate");
        }
        if (database.size() == 0) {
            throw new HashingException("the database has no codes");
        }
        relevance.check(queries.size(), database.size());
    }

    private static RetrievalMetrics run(int numQueries, int dbSize, int bits, Relevance relevance,
            EvalOptions options, IntFunction<QueryScorer> scorers) {
        long start = System.nanoTime();
        int k = options.topK().length;
        int[] pn = options.precisionAtN();
        int numStats = 2 * k + pn.length + 2 * (bits + 1);
        // Tie-aware AP needs only the per-distance counts every scorer fills in, so it is computed
        // here once for both scorers; its tables are read-only and shared by the threads.
        TieAwareAp tieAware = new TieAwareAp(dbSize);
        int[] kEff = QueryScorer.effectiveCutoffs(options.topK(), dbSize);
        int numCounts = bits + 2;
        int blocks = (numQueries + BLOCK - 1) / BLOCK;
        double[][] blockSums = new double[blocks][];
        long[][] blockCounts = new long[blocks][];
        AtomicInteger nextBlock = new AtomicInteger();

        // One worker per thread: its own scorer and outcome buffers, pulling blocks until none are left.
        IntFunction<Runnable> worker = t -> () -> {
            QueryScorer scorer = scorers.apply(t);
            QueryOutcome out = new QueryOutcome(k, pn.length, bits);
            int b;
            while ((b = nextBlock.getAndIncrement()) < blocks) {
                double[] sums = new double[numStats];
                long[] counts = new long[numCounts];
                int end = Math.min(numQueries, (b + 1) * BLOCK);
                for (int q = b * BLOCK; q < end; q++) {
                    scorer.score(q, out);
                    tieAware.score(out.withinRadius, out.hitsWithinRadius, kEff, out.tieAwareAveragePrecision);
                    accumulate(out, pn, dbSize, bits, sums, counts);
                }
                blockSums[b] = sums;
                blockCounts[b] = counts;
            }
        };
        int threads = Math.min(options.threads(), blocks);
        if (threads <= 1) {
            worker.apply(0).run();
        } else {
            runOnPool(threads, worker);
        }

        double[] total = new double[numStats];
        long[] counts = new long[numCounts];
        for (int b = 0; b < blocks; b++) {
            for (int s = 0; s < numStats; s++) {
                total[s] += blockSums[b][s];
            }
            for (int c = 0; c < numCounts; c++) {
                counts[c] += blockCounts[b][c];
            }
        }
        double[] map = new double[k];
        for (int i = 0; i < k; i++) {
            map[i] = total[i] / numQueries;
        }
        double[] tieAwareMap = new double[k];
        for (int i = 0; i < k; i++) {
            tieAwareMap[i] = total[k + pn.length + 2 * (bits + 1) + i] / numQueries;
        }
        double[] precisionAtN = new double[pn.length];
        for (int i = 0; i < pn.length; i++) {
            precisionAtN[i] = total[k + i] / numQueries;
        }
        double[] precision = new double[bits + 1];
        double[] recall = new double[bits + 1];
        int[] empty = new int[bits + 1];
        int base = k + pn.length;
        for (int r = 0; r <= bits; r++) {
            precision[r] = total[base + r] / numQueries;
            recall[r] = total[base + bits + 1 + r] / numQueries;
            empty[r] = (int) counts[r];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RetrievalMetrics(bits, numQueries, dbSize, relevance.kind(), (int) counts[bits + 1],
                options.topK(), map, tieAwareMap, options.precisionAtN(), precisionAtN, options.radii(), precision, recall,
                empty, options.prCurve(), seconds);
    }

    /** Adds one query's ratios to its block's sums (all in a fixed order, for reproducible sums). */
    private static void accumulate(QueryOutcome out, int[] pn, int dbSize, int bits, double[] sums, long[] counts) {
        int k = out.averagePrecision.length;
        for (int i = 0; i < k; i++) {
            sums[i] += out.averagePrecision[i];
        }
        for (int i = 0; i < pn.length; i++) {
            sums[k + i] += (double) out.hitsAtN[i] / Math.min(pn[i], dbSize);
        }
        int base = k + pn.length;
        for (int r = 0; r <= bits; r++) {
            int within = out.withinRadius[r];
            int hits = out.hitsWithinRadius[r];
            if (within == 0) {
                counts[r]++;
            } else {
                sums[base + r] += (double) hits / within;
            }
            if (out.relevant > 0) {
                sums[base + bits + 1 + r] += (double) hits / out.relevant;
            }
        }
        if (out.relevant == 0) {
            counts[bits + 1]++;
        }
        // Tie-aware AP after the existing sums, so that the plain metrics' layout is untouched.
        int tieBase = base + 2 * (bits + 1);
        for (int i = 0; i < k; i++) {
            sums[tieBase + i] += out.tieAwareAveragePrecision[i];
        }
    }

    private static void runOnPool(int threads, IntFunction<Runnable> worker) {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "hashing-eval-" + names.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker.apply(t)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
