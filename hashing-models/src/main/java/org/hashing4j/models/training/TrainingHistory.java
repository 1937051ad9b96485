package org.hashing4j.models.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a BDNN training run did, round by round: J before and after each network step, the B step's
 * objective before and after, the validation mAP, and which round's network was kept. Goes into the
 * model's provenance.
 */
public final class TrainingHistory {
    private final List<Map<String, Object>> rounds = new ArrayList<>();
    private int bestRound = -1;
    private double bestValidation = Double.NEGATIVE_INFINITY;

    public Map<String, Object> round(int index) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("round", index);
        rounds.add(r);
        return r;
    }

    /** Records a validation score; returns true if it is the best so far. */
    public boolean validation(Map<String, Object> round, double map) {
        round.put("validation_map", map);
        if (map > bestValidation) {
            bestValidation = map;
            bestRound = (Integer) round.get("round");
            return true;
        }
        return false;
    }

    public int bestRound() {
        return bestRound;
    }

    public double bestValidation() {
        return bestValidation;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rounds", rounds);
        m.put("best_round", bestRound);
        m.put("best_validation_map", bestValidation);
        return m;
    }
}
