package org.hashing4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hashing4j.core.Hamming;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;

class SyntheticCodesTest {

    @Test
    void deterministicForASeedAndSharingCentres() {
        SyntheticCodes a = SyntheticCodes.generate(200, 70, 4, 0.1, 7, 1);
        SyntheticCodes b = SyntheticCodes.generate(200, 70, 4, 0.1, 7, 1);
        assertEquals(a.codes(), b.codes());
        assertEquals(70, a.codes().bits());
        SyntheticCodes other = SyntheticCodes.generate(200, 70, 4, 0.1, 7, 2);
        assertNotEquals(a.codes(), other.codes());
        // Same centres: codes of the same class are close, of different classes far (70 bits, 10% flips).
        int same = 0;
        int sameCount = 0;
        int diff = 0;
        int diffCount = 0;
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                int d = Hamming.distance(a.codes(), i, other.codes(), j);
                if (a.labels()[i] == other.labels()[j]) {
                    same += d;
                    sameCount++;
                } else {
                    diff += d;
                    diffCount++;
                }
            }
        }
        assertTrue((double) same / sameCount < 16 && (double) diff / diffCount > 28,
                same / (double) sameCount + " vs " + diff / (double) diffCount);
    }

    @Test
    void flipZeroGivesTheCentresAndPerfectRetrieval() {
        SyntheticCodes q = SyntheticCodes.generate(30, 16, 3, 0.0, 5, 1);
        SyntheticCodes db = SyntheticCodes.generate(90, 16, 3, 0.0, 5, 2);
        RetrievalMetrics m = RetrievalEvaluator.evaluate(q.codes(), db.codes(),
                Relevance.ofLabels(Labels.singleLabel(q.labels()), Labels.singleLabel(db.labels())),
                EvalOptions.builder().threads(1).build());
        assertEquals(1.0, m.mapAll(), 1e-12);
        assertEquals(1.0, m.precisionWithinRadius(0), 1e-12);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(HashingException.class, () -> SyntheticCodes.generate(0, 8, 2, 0.1, 1, 1));
        assertThrows(HashingException.class, () -> SyntheticCodes.generate(5, 8, 2, 0.7, 1, 1));
        assertThrows(HashingException.class, () -> SyntheticCodes.generate(5, 8, 2, Double.NaN, 1, 1));
    }
}
