package org.hashing4j.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.eval.SyntheticCodes;
import org.junit.jupiter.api.Test;

/** The side-table layout on its own, from plain results (no runner). */
class SideTablesTest {
    private static final EvalOptions OPTIONS = EvalOptions.builder().topK(EvalOptions.ALL, 10).radii(0, 2)
            .precisionAtN(10).threads(1).build();

    private static SideTables.Row row(String group, String truth, String method, String label, int bits, double flip) {
        SyntheticCodes q = SyntheticCodes.generate(20, bits, 3, flip, 5, 1);
        SyntheticCodes db = SyntheticCodes.generate(90, bits, 3, flip, 5, 2);
        RetrievalMetrics m = RetrievalEvaluator.evaluate(q.codes(), db.codes(),
                Relevance.ofLabels(Labels.singleLabel(q.labels()), Labels.singleLabel(db.labels())), OPTIONS);
        return new SideTables.Row(group, truth, method, label, bits, m, CodeStatistics.of(db.codes()));
    }

    private static List<String> titles(List<ReportTable> tables) {
        List<String> t = new ArrayList<>();
        tables.forEach(x -> t.add(x.title()));
        return t;
    }

    private static List<String> labels(ReportTable t) {
        List<String> l = new ArrayList<>();
        t.rows().forEach(r -> l.add(r.get(0)));
        return l;
    }

    @Test
    void aConfiguredGroupStartsWithTheFullMethodAtItsBitLengths() {
        SideTables s = new SideTables(Set.of("ablation"), 50);
        SideTables.Row full16 = row(null, SideTables.LABEL_TRUTH, "m", "M", 16, 0.1);
        s.add(row(null, SideTables.LABEL_TRUTH, "m", "M", 8, 0.1)).add(full16)
                .add(row(null, SideTables.LABEL_TRUTH, "other", "Other", 16, 0.1))
                .add(row("ablation", SideTables.LABEL_TRUTH, "m", "M without x", 16, 0.3))
                .add(row("ablation", SideTables.KNN_TRUTH, "m", "M without x", 16, 0.3));
        List<ReportTable> tables = s.build(OPTIONS);
        assertEquals(List.of("mAP@all, ablation (class-label ground truth)",
                "Tie-aware mAP@all, ablation (class-label ground truth)", "mAP@10, ablation (class-label ground truth)",
                "Tie-aware mAP@10, ablation (class-label ground truth)",
                "P@H≤2, ablation (class-label ground truth)", "Mean |bit balance|, ablation",
                "Mean |bit correlation|, ablation", "mAP@all, ablation (kNN ground truth)",
                "Tie-aware mAP@all, ablation (kNN ground truth)", "mAP@10, ablation (kNN ground truth)",
                "Tie-aware mAP@10, ablation (kNN ground truth)", "P@H≤2, ablation (kNN ground truth)"), titles(tables));
        ReportTable map = tables.get(0);
        assertEquals(List.of("Method", "16 bits"), map.header());
        // The reference row of the varied method only, not of other methods; none under kNN (no kNN reference given).
        assertEquals(List.of("M", "M without x"), labels(map));
        assertEquals(String.format(Locale.ROOT, "%.4f", full16.metrics().mapAll()), map.rows().get(0).get(1));
        assertEquals(List.of("M", "M without x"), labels(tables.get(5)));
        assertEquals(List.of("M without x"), labels(tables.get(7)));
        ReportTable tieAware = tables.get(1);
        assertEquals(String.format(Locale.ROOT, "%.4f", full16.metrics().tieAwareMapAt(EvalOptions.ALL)),
                tieAware.rows().get(0).get(1));
        assertTrue(tieAware.caption().startsWith("Ground truth: items sharing a class label. Expected mAP"),
                tieAware.caption());
        assertEquals("Ground truth: items sharing a class label.", map.caption());
        assertEquals("Ground truth: the 50 Euclidean nearest neighbours of each query in the input features.",
                tables.get(7).caption());
    }

    @Test
    void anUnconfiguredGroupHasNoReferenceRowsAndNoStatistics() {
        SideTables s = new SideTables(List.of(), 100);
        s.add(row(null, SideTables.KNN_TRUTH, "m", "M", 8, 0.1))
                .add(row(SideTables.UNSUPERVISED_GROUP, SideTables.KNN_TRUTH, "m", "M", 8, 0.1))
                .add(row(SideTables.UNSUPERVISED_GROUP, SideTables.KNN_TRUTH, "n", "N", 16, 0.2));
        List<ReportTable> tables = s.build(OPTIONS);
        assertEquals(5, tables.size(), titles(tables).toString());
        assertEquals(List.of("Method", "8 bits", "16 bits"), tables.get(0).header());
        assertEquals(List.of("M", "N"), labels(tables.get(0)));
        assertEquals("–", tables.get(0).rows().get(0).get(2), "no 16-bit result of M");
        ExperimentReport report = new ExperimentReport("t");
        s.addTo(report, OPTIONS);
        assertEquals(titles(tables), titles(report.tables()));
    }
}
