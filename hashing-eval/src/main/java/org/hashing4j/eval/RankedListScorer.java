package org.hashing4j.eval;

import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HammingRanking;

/**
 * The straightforward scorer: rank the whole database with {@link HammingRanking} (counting sort,
 * ties by index), then walk the ranked list item by item, asking {@link Relevance#isRelevant} about
 * each. It follows the metric definitions literally and serves as the reference the fast
 * {@link BucketScorer} is checked against.
 */
final class RankedListScorer implements QueryScorer {
    private final BinaryCodes queries;
    private final Relevance relevance;
    private final HammingRanking ranker;
    private final int n;
    private final int bits;
    private final int[] kEff;
    private final int[] nEff;

    RankedListScorer(BinaryCodes queries, BinaryCodes database, Relevance relevance, EvalOptions options) {
        this.queries = queries;
        this.relevance = relevance;
        this.ranker = new HammingRanking(database);
        this.n = database.size();
        this.bits = database.bits();
        this.kEff = QueryScorer.effectiveCutoffs(options.topK(), n);
        this.nEff = QueryScorer.effectiveCutoffs(options.precisionAtN(), n);
    }

    @Override
    public void score(int q, QueryOutcome out) {
        ranker.rank(queries, q);
        int[] order = ranker.order();
        int[] distance = ranker.distances();
        // Items and relevant items at each distance, then running totals over the radius.
        java.util.Arrays.fill(out.withinRadius, 0);
        java.util.Arrays.fill(out.hitsWithinRadius, 0);
        int relevantTotal = 0;
        for (int j = 0; j < n; j++) {
            out.withinRadius[distance[j]]++;
            if (relevance.isRelevant(q, j)) {
                out.hitsWithinRadius[distance[j]]++;
                relevantTotal++;
            }
        }
        for (int r = 1; r <= bits; r++) {
            out.withinRadius[r] += out.withinRadius[r - 1];
            out.hitsWithinRadius[r] += out.hitsWithinRadius[r - 1];
        }
        out.relevant = relevantTotal;
        int hits = 0;
        double sum = 0;
        for (int pos = 0; pos < n; pos++) {
            if (relevance.isRelevant(q, order[pos])) {
                hits++;
                sum += (double) hits / (pos + 1);
            }
            for (int i = 0; i < kEff.length; i++) {
                if (kEff[i] == pos + 1) {
                    out.averagePrecision[i] = hits == 0 ? 0.0 : sum / hits;
                }
            }
            for (int i = 0; i < nEff.length; i++) {
                if (nEff[i] == pos + 1) {
                    out.hitsAtN[i] = hits;
                }
            }
        }
    }
}
