package org.hashing4j.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.eval.SyntheticCodes;
import org.junit.jupiter.api.Test;

/** The spread over seeds on its own, from plain results. */
class SeedSummaryTest {
    private static final EvalOptions OPTIONS = EvalOptions.builder().topK(EvalOptions.ALL).radii(0, 2).threads(1).build();

    private static RetrievalMetrics metrics(int bits, double flip, long seed) {
        SyntheticCodes q = SyntheticCodes.generate(20, bits, 3, flip, 5, seed);
        SyntheticCodes db = SyntheticCodes.generate(90, bits, 3, flip, 5, seed + 100);
        return RetrievalEvaluator.evaluate(q.codes(), db.codes(),
                Relevance.ofLabels(Labels.singleLabel(q.labels()), Labels.singleLabel(db.labels())), OPTIONS);
    }

    @Test
    void spreadIsTheMeanAndTheSampleStandardDeviation() {
        SeedSummary.Spread s = SeedSummary.Spread.of(new double[] {0.90, 0.91, 0.95, Double.NaN});
        assertEquals(0.92, s.mean(), 1e-12);
        // sample variance: (0.0004 + 0.0001 + 0.0009) / 2
        assertEquals(Math.sqrt(0.0007), s.sd(), 1e-12);
        assertEquals(3, s.n());
        assertEquals("0.9200 ± 0.0265 (3 seeds)", s.format("%.4f"));
        assertEquals("0.9000 (1 seed)", SeedSummary.Spread.of(new double[] {0.9}).format("%.4f"));
        assertEquals("–", SeedSummary.Spread.of(new double[0]).format("%.4f"));
    }

    @Test
    void onlyGroupsWithSeveralSeedsGetARow() {
        RetrievalMetrics a = metrics(16, 0.1, 1);
        RetrievalMetrics b = metrics(16, 0.2, 2);
        SeedSummary s = new SeedSummary()
                .add(new SeedSummary.Run("m|{}", "M", 42, 16, a, 100))
                .add(new SeedSummary.Run("other|{}", "Other", 42, 16, a, 50))
                .add(new SeedSummary.Run("m|{}", "M seed 2", 43, 16, b, 120))
                .add(new SeedSummary.Run("m|{}", "M", 42, 32, metrics(32, 0.1, 3), 200));
        List<ReportTable> tables = s.build(OPTIONS);
        assertEquals(List.of("mAP@all over seeds (mean ± sd)", "Tie-aware mAP@all over seeds (mean ± sd)",
                "P@H≤2 over seeds (mean ± sd)", "Training time (s) over seeds (mean ± sd)"),
                tables.stream().map(ReportTable::title).toList());
        ReportTable map = tables.get(0);
        assertEquals(List.of("Method", "16 bits", "32 bits"), map.header());
        assertEquals(1, map.rows().size());
        assertEquals("M", map.rows().get(0).get(0), "the first run's label names the group");
        assertEquals(SeedSummary.Spread.of(new double[] {a.mapAll(), b.mapAll()}).format("%.4f"), map.rows().get(0).get(1));
        assertTrue(map.rows().get(0).get(2).endsWith("(1 seed)"));
        assertEquals("110 ± 14 (2 seeds)", tables.get(3).rows().get(0).get(1));
    }

    @Test
    void noRepeatsNoTables() {
        SeedSummary s = new SeedSummary().add(new SeedSummary.Run("m|{}", "M", 42, 16, metrics(16, 0.1, 1), 1));
        assertTrue(s.build(OPTIONS).isEmpty());
    }

    @Test
    void theSameSeedTwiceIsRefused() {
        SeedSummary s = new SeedSummary().add(new SeedSummary.Run("m|{}", "A", 42, 16, metrics(16, 0.1, 1), 1));
        HashingException e = assertThrows(HashingException.class,
                () -> s.add(new SeedSummary.Run("m|{}", "B", 42, 16, metrics(16, 0.1, 1), 1)));
        assertEquals("'A' and 'B' train the same method with the same parameters and seed 42 at 16 bits;"
                + " give one of them another seed", e.getMessage());
    }
}
