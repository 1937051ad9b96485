package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.junit.jupiter.api.Test;

class ValidationMapTest {
    @Test
    void agreesWithTheEvaluationModule() {
        Random r = new Random(4);
        int n = 300;
        int queries = ValidationMap.queryCount(n);
        boolean[][] bits = new boolean[n][12];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(4);
            for (int j = 0; j < 12; j++) {
                // Class-dependent bits plus noise, so the ranking is neither perfect nor random.
                bits[i][j] = (j % 4 == y[i]) ^ (r.nextDouble() < 0.2);
            }
        }
        BinaryCodes codes = BinaryCodes.fromBooleans(bits);
        Labels labels = Labels.singleLabel(y);
        int[] q = new int[queries];
        int[] db = new int[n - queries];
        for (int i = 0; i < n; i++) {
            if (i < queries) {
                q[i] = i;
            } else {
                db[i - queries] = i;
            }
        }
        double expected = RetrievalEvaluator.evaluate(codes.select(q), codes.select(db),
                Relevance.ofLabels(labels.select(q), labels.select(db)),
                EvalOptions.builder().topK(EvalOptions.ALL).build()).mapAll();
        assertEquals(expected, ValidationMap.meanAveragePrecision(codes, labels, queries), 1e-9);
    }
}
