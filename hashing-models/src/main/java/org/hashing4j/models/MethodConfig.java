package org.hashing4j.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.HashingException;

/**
 * A method's configuration as plain data: bit length, seed and named hyper-parameters (as they
 * appear in an experiment file). Methods read what they know with defaults and call
 * {@link #checkKnown} so that a misspelt parameter is an error, not silently ignored.
 */
public final class MethodConfig {
    private final int bits;
    private final long seed;
    private final Map<String, Object> params;

    public MethodConfig(int bits, long seed, Map<String, Object> params) {
        if (bits < 1) {
            throw new HashingException("bits must be >= 1, got " + bits);
        }
        this.bits = bits;
        this.seed = seed;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
    }

    public MethodConfig(int bits, long seed) {
        this(bits, seed, Map.of());
    }

    public int bits() {
        return bits;
    }

    public long seed() {
        return seed;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** A copy with one parameter set. */
    public MethodConfig with(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return new MethodConfig(bits, seed, p);
    }

    public double getDouble(String key, double def) {
        Object v = params.get(key);
        if (v == null) {
            return def;
        }
        try {
            double d = v instanceof Number ? ((Number) v).doubleValue() : Double.parseDouble(v.toString());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new HashingException("parameter '" + key + "' must be a number, got '" + v + "'");
        }
    }

    public int getInt(String key, int def) {
        Object v = params.get(key);
        if (v == null) {
            return def;
        }
        try {
            if (v instanceof Number) {
                double d = ((Number) v).doubleValue();
                if (d != Math.rint(d)) {
                    throw new NumberFormatException();
                }
                return Math.toIntExact((long) d);
            }
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new HashingException("parameter '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    public boolean getBoolean(String key, boolean def) {
        Object v = params.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new HashingException("parameter '" + key + "' must be true or false, got '" + v + "'");
    }

    public String getString(String key, String def) {
        Object v = params.get(key);
        return v == null ? def : v.toString();
    }

    /** Fails on any parameter not in {@code known}, naming it and the known ones. */
    public void checkKnown(String method, Set<String> known) {
        for (String k : params.keySet()) {
            if (!known.contains(k)) {
                String snake = k.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
                String hint = !snake.equals(k) && known.contains(snake) ? " (parameter names are snake_case: did you mean '"
                        + snake + "'?)" : "";
                throw new HashingException("unknown parameter '" + k + "' for method " + method + hint + "; known: "
                        + new java.util.TreeSet<>(known));
            }
        }
    }

    /** Everything as a map (bits, seed, params) for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bits", bits);
        m.put("seed", seed);
        m.put("params", params);
        return m;
    }
}
