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
 * Small pieces every method needs: parameter and input checks with one-line messages, and drawing
 * the seeded random training subset (the one sampler, so that a method's {@code train_samples} and
 * an experiment's {@code train_size} draw the same items).
 */
public final class MethodSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MethodSupport() {
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

    /** Fails unless the training set has at least {@code anchors} items to draw kernel anchors from (SDH, KSH). */
    public static void checkAnchors(String method, int anchors, FeatureSet data) {
        if (anchors > data.size()) {
            throw new HashingException(method + ": " + anchors + " anchors requested but the training set "
                    + data.name() + " has only " + data.size() + " items (set 'anchors' lower)");
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

    /** {@code p}'s value in {@code config} (or its default), checked to lie in [min, max]. */
    public static int checkRange(String method, MethodParameter<Integer> p, MethodConfig config, int min, int max) {
        return checkRange(method, p.name(), p.read(config), min, max);
    }

    /** Fails unless {@code value} is &gt; 0 (or ≥ 0 when {@code zeroAllowed}). */
    public static double checkPositive(String method, String param, double value, boolean zeroAllowed) {
        if (value < 0 || (!zeroAllowed && value == 0)) {
            throw new HashingException(method + ": parameter '" + param + "' must be " + (zeroAllowed ? ">= 0" : "> 0")
                    + ", got " + value);
        }
        return value;
    }

    /** {@code p}'s value in {@code config} (or its default), checked to be &gt; 0 (or ≥ 0 when {@code zeroAllowed}). */
    public static double checkPositive(String method, MethodParameter<Double> p, MethodConfig config,
            boolean zeroAllowed) {
        return checkPositive(method, p.name(), p.read(config), zeroAllowed);
    }

    /** Fails unless {@code value} lies in [low, high), or (low, high] when {@code openLow}. */
    public static double checkInterval(String method, String param, double value, double low, double high, boolean openLow) {
        boolean ok = openLow ? value > low && value <= high : value >= low && value < high;
        if (!ok) {
            throw new HashingException(method + ": parameter '" + param + "' must be in " + (openLow ? "(" : "[") + low
                    + ", " + high + (openLow ? "]" : ")") + ", got " + value);
        }
        return value;
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

    /** Seconds since {@code startNanos}. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
