package org.hashing4j.models.training;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodInfo;

/**
 * One parameter of a deep method, declared once: its snake_case name, the default the code uses when
 * the parameter is not set, and a one-line description. The same object reads the value
 * ({@link #read}), puts the name into the method's known parameters and the default into
 * {@code hashing methods} ({@link #describe()}), so that the name, the default in use and the
 * default shown cannot drift apart.
 *
 * @param <T> Double, Integer, Boolean or String
 */
public final class MethodParameter<T> {
    private final String name;
    private final T defaultValue;
    private final String defaultText;
    private final String description;
    private final Reader<T> reader;
    private final List<String> choices;

    @FunctionalInterface
    private interface Reader<T> {
        T read(MethodConfig config, String name, T defaultValue);
    }

    private MethodParameter(String name, T defaultValue, String defaultText, String description, Reader<T> reader,
            List<String> choices) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not snake_case");
        }
        this.name = name;
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.description = Objects.requireNonNull(description, "description");
        this.reader = reader;
        this.choices = choices;
    }

    /** A real-valued parameter. */
    public static MethodParameter<Double> real(String name, double defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, format(defaultValue), description,
                (c, n, d) -> c.getDouble(n, d), List.of());
    }

    /** An integer parameter. */
    public static MethodParameter<Integer> integer(String name, int defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, Integer.toString(defaultValue), description,
                (c, n, d) -> c.getInt(n, d), List.of());
    }

    /** A true/false parameter. */
    public static MethodParameter<Boolean> flag(String name, boolean defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, Boolean.toString(defaultValue), description,
                (c, n, d) -> c.getBoolean(n, d), List.of());
    }

    /** A free-text parameter (trimmed). */
    public static MethodParameter<String> text(String name, String defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, defaultValue, description,
                (c, n, d) -> c.getString(n, d).trim(), List.of());
    }

    /**
     * One of a few lower-case words; {@link #read} lower-cases the value and refuses any other word
     * with a one-line error naming the parameter.
     */
    public static MethodParameter<String> choice(String name, String defaultValue, String description,
            String... choices) {
        List<String> allowed = List.of(choices);
        if (!allowed.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of " + name + " is not one of " + allowed);
        }
        return new MethodParameter<>(name, defaultValue, defaultValue, description,
                (c, n, d) -> c.getString(n, d).trim().toLowerCase(Locale.ROOT), allowed);
    }

    /**
     * A copy whose default is shown as {@code text} rather than the value itself, for a default that
     * depends on the run (e.g. "cnn for images, else mlp"); {@link #read} still returns the declared
     * default when the parameter is unset.
     */
    public MethodParameter<T> shownAs(String text) {
        return new MethodParameter<>(name, defaultValue, text, description, reader, choices);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The value in {@code config}, or the default when it is not set; a value of the wrong kind is a one-line error. */
    public T read(MethodConfig config) {
        T v = reader.read(config, name, defaultValue);
        if (!choices.isEmpty() && !choices.contains(v)) {
            throw new HashingException("parameter '" + name + "' must be one of " + String.join(", ", choices)
                    + ", got '" + v + "'");
        }
        return v;
    }

    /** As {@link #read(MethodConfig)}, with an error message that starts with {@code method}'s name. */
    public T read(String method, MethodConfig config) {
        try {
            return read(config);
        } catch (HashingException e) {
            throw new HashingException(method + ": " + e.getMessage(), e);
        }
    }

    /** The line {@code hashing methods} prints. */
    public MethodInfo.Parameter describe() {
        return new MethodInfo.Parameter(name, defaultText, description);
    }

    /** A default as people write it: 1 rather than 1.0, 0.001, 1e-4 rather than 1.0E-4. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-3) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.movePointRight(-exponent).stripTrailingZeros().toPlainString();
        return mantissa + "e" + exponent;
    }

    /** The names of {@code parameters}, in order. */
    static List<String> names(List<MethodParameter<?>> parameters) {
        return parameters.stream().map(MethodParameter::name).toList();
    }

    @Override
    public String toString() {
        return name + "=" + defaultText + ": " + description;
    }

    /** Joins layer sizes as a parameter value is written ("1024,512"). */
    static String sizes(int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}
