package org.hashing4j.models.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a BDNN training run did, round by round: J before and after each network step, the B step's
 * objective before and after, the validation mAP, and which round's network was kept. Goes into the
 * model's provenance, and through {@link #toMap} / {@link #restore} into a {@link Checkpoint}.
 */
public final class TrainingHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Records {@code round}'s wall time as {@code seconds}: the time since the previous round ended,
     * or since training (or its resume) began for the first round a process runs.
     */
    public void timed(Map<String, Object> round, double seconds) {
        round.put("seconds", seconds);
    }

    /**
     * The recorded seconds of all rounds: the training time, which survives a resume because the
     * rounds before it come back from the checkpoint with their times (the time between a kill and
     * the resume is not counted).
     */
    public double seconds() {
        double total = 0;
        for (Map<String, Object> r : rounds) {
            if (r.get("seconds") instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return total;
    }

    /** The rounds so far, in order (the records {@code history.csv} lists). */
    public List<Map<String, Object>> rounds() {
        return java.util.Collections.unmodifiableList(rounds);
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

    /**
     * The history a checkpoint kept ({@link #toMap} written as JSON). Values come back as JSON reads
     * them: whole numbers as Integer (or Long when they do not fit), others as Double; the strings
     * Jackson writes for non-finite doubles ("NaN", "Infinity", "-Infinity") become doubles again.
     */
    public static TrainingHistory restore(JsonNode map) {
        TrainingHistory h = new TrainingHistory();
        for (JsonNode r : map.path("rounds")) {
            Map<String, Object> round = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                round.put(e.getKey(), value(e.getValue()));
            }
            h.rounds.add(round);
        }
        h.bestRound = map.path("best_round").asInt(-1);
        Object best = value(map.path("best_validation_map"));
        h.bestValidation = best instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
        return h;
    }

    private static Object value(JsonNode v) {
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return v.asText();
            }
        }
        return JSON.convertValue(v, Object.class);
    }
}
