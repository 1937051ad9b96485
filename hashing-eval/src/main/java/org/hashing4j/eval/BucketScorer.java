package org.hashing4j.eval;

import java.util.Arrays;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Hamming;

/**
 * The fast scorer: every metric of a query from per-distance counts plus the ranks of the relevant
 * items only, without materialising the ranked list.
 *
 * <p>The ranked list (ascending distance, ties by database index) is a counting sort over the
 * bits+1 distances, so an item at distance d and index j has rank
 * {@code (items closer than d) + (items at distance d with a smaller index)}. Three passes:
 * <ol>
 *   <li>distances, turned into keys {@code 2d + relevant}, and a histogram of the keys — this alone
 *       gives P@H≤r, R@H≤r and the PR curve;</li>
 *   <li>one sequential walk in index order that hands out ranks per distance (as the counting sort
 *       would) but writes down only the ranks of relevant items, each into its slot among the
 *       relevant items — so the ranks come out sorted with no scatter of the whole list;</li>
 *   <li>a walk over the R relevant ranks: AP@k sums {@code hits / rank} in rank order, exactly as a
 *       walk over the ranked list would (same terms, same order, so the same double), and P@N is a
 *       binary search.</li>
 * </ol>
 * Per-distance counts alone cannot give AP: inside a distance bucket the relevant items' exact
 * positions (set by the index tie-break) change each term, so pass 2 is needed for exact AP.
 */
final class BucketScorer implements QueryScorer {
    private final BinaryCodes queries;
    private final BinaryCodes database;
    private final Relevance relevance;
    private final int n;
    private final int bits;
    /** Effective cut-offs min(k, n), and the option indices sorted by them. */
    private final int[] kEff;
    private final int[] kOrder;
    private final int[] nEff;

    private final int[] keys;
    private final int[] histogram;
    private final int[] rankCursor;
    private final int[] relevantCursor;
    private final int[] relevantRanks;

    BucketScorer(BinaryCodes queries, BinaryCodes database, Relevance relevance, EvalOptions options) {
        this.queries = queries;
        this.database = database;
        this.relevance = relevance;
        this.n = database.size();
        this.bits = database.bits();
        this.kEff = QueryScorer.effectiveCutoffs(options.topK(), n);
        this.kOrder = sortedIndices(kEff);
        this.nEff = QueryScorer.effectiveCutoffs(options.precisionAtN(), n);
        this.keys = new int[n];
        this.histogram = new int[2 * (bits + 1)];
        this.rankCursor = new int[bits + 1];
        this.relevantCursor = new int[bits + 1];
        this.relevantRanks = new int[n];
    }

    static int[] sortedIndices(int[] values) {
        return java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted((a, b) -> Integer.compare(values[a], values[b])).mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void score(int q, QueryOutcome out) {
        final int[] keys = this.keys;
        final int[] hist = this.histogram;
        // Pass 1: keys = 2 × distance + relevant, and their histogram.
        Hamming.distances(queries, q, database, 0, n, keys);
        Arrays.fill(hist, 0);
        relevance.markRelevant(q, keys, n, hist);
        int before = 0;
        int relevantBefore = 0;
        for (int d = 0; d <= bits; d++) {
            rankCursor[d] = before;
            relevantCursor[d] = relevantBefore;
            before += hist[2 * d] + hist[2 * d + 1];
            relevantBefore += hist[2 * d + 1];
            out.withinRadius[d] = before;
            out.hitsWithinRadius[d] = relevantBefore;
        }
        final int relevant = relevantBefore;
        out.relevant = relevant;
        if (relevant == 0) {
            Arrays.fill(out.averagePrecision, 0.0);
            Arrays.fill(out.hitsAtN, 0);
            return;
        }
        // Pass 2: ranks of the relevant items, written in rank order.
        final int[] cursor = this.rankCursor;
        final int[] relCursor = this.relevantCursor;
        final int[] ranks = this.relevantRanks;
        for (int j = 0; j < n; j++) {
            int key = keys[j];
            int d = key >>> 1;
            int rank = cursor[d]++;
            if ((key & 1) != 0) {
                ranks[relCursor[d]++] = rank;
            }
        }
        // Pass 3: AP at each cut-off, summing hits/rank in rank order as a ranked-list walk does.
        double sum = 0;
        int next = 0;
        for (int t = 0; t < relevant; t++) {
            int rank = ranks[t];
            while (next < kOrder.length && rank >= kEff[kOrder[next]]) {
                out.averagePrecision[kOrder[next++]] = t == 0 ? 0.0 : sum / t;
            }
            sum += (double) (t + 1) / (rank + 1);
        }
        while (next < kOrder.length) {
            out.averagePrecision[kOrder[next++]] = sum / relevant;
        }
        for (int i = 0; i < nEff.length; i++) {
            int pos = Arrays.binarySearch(ranks, 0, relevant, nEff[i]);
            out.hitsAtN[i] = pos >= 0 ? pos : -pos - 1;
        }
    }
}
