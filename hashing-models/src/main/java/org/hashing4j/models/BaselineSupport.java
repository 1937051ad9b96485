package org.hashing4j.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.linalg.RbfAnchorFeatures;

/**
 * Small pieces every baseline needs: input checks with one-line messages, provenance records, and
 * drawing a random training subset.
 */
public final class BaselineSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineSupport() {
    }

    /** Fails unless {@code bits} ≤ {@code max}; {@code why} names the limit ("the input dimension"). */
    public static void checkBits(String method, int bits, int max, String why) {
        if (bits > max) {
            throw new HashingException(method + " can learn at most " + max + " bits here (" + why + "), "
                    + bits + " requested");
        }
    }

    /** Fails unless the training set has at least {@code min} items. */
    public static void checkSize(String method, FeatureSet data, int min) {
        if (data.size() < min) {
            throw new HashingException(method + " needs at least " + min + " training items, training set "
                    + data.name() + " has " + data.size());
        }
    }

    /** Fails unless {@code value} lies in [min, max]. */
    public static int checkRange(String method, String param, int value, int min, int max) {
        if (value < min || value > max) {
            throw new HashingException(method + ": parameter '" + param + "' must be in [" + min + ", " + max
                    + "], got " + value);
        }
        return value;
    }

    /** Fails unless {@code value} is &gt; 0 (or ≥ 0 when {@code zeroAllowed}). */
    public static double checkPositive(String method, String param, double value, boolean zeroAllowed) {
        if (value < 0 || (!zeroAllowed && value == 0)) {
            throw new HashingException(method + ": parameter '" + param + "' must be " + (zeroAllowed ? ">= 0" : "> 0")
                    + ", got " + value);
        }
        return value;
    }

    /**
     * The common provenance record: method, configuration, and the training data's name, size and
     * dimension. Methods add their own diagnostics (objective history, subset size) to the map.
     */
    public static Map<String, Object> provenance(HashingMethod method, MethodConfig config, FeatureSet data) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", method.name());
        p.put("display_name", method.displayName());
        p.put("config", config.toMap());
        p.put("training_set", data.name());
        p.put("training_size", data.size());
        p.put("input_dimension", data.dimension());
        return p;
    }

    /**
     * At most {@code max} items of {@code data} drawn at random with {@code seed} (all of them, in
     * their order, when the set is no larger).
     */
    public static FeatureSet subset(FeatureSet data, int max, long seed) {
        if (data.size() <= max) {
            return data;
        }
        int[] rows = RbfAnchorFeatures.sampleRows(data.size(), max, new Random(seed));
        java.util.Arrays.sort(rows);
        return data.select(rows, data.name() + "[random " + max + "]");
    }

    /** A JSON object read back from a model file as a plain map (for provenance). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new LinkedHashMap<>();
        }
        return JSON.convertValue(node, LinkedHashMap.class);
    }

    /** Seconds since {@code startNanos}. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
