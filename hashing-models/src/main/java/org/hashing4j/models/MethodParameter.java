package org.hashing4j.models;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hashing4j.core.HashingException;

/**
 * One parameter of a method, declared once: its snake_case name, the default the code uses when the
 * parameter is not set, and a one-line description. The same object reads the value ({@link #read}),
 * puts the name into the method's known parameters and the default into {@code hashing methods}
 * ({@link #describe(List)}), so that the name, the default in use and the default shown cannot drift
 * apart. Deep methods declare theirs in a {@code DeepHashingMethod.Declaration}, the others in a
 * {@link DeclaredMethod.Declaration}.
 *
 * <p>A default that depends on the run (the bit length, the training set) is declared with
 * {@link #integerPerRun} and read with {@link #read(MethodConfig, Object)}; parameters that
 * {@code hashing methods} lists on one line ("lambda1..lambda4") share a {@link Row}.
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
    private final Row row;

    /**
     * One line of {@code hashing methods} that lists several parameters together, e.g.
     * {@code lambda1..lambda4=1e-5, 5e-2, 1e-2, 0.5e-6: weight decay, equality, independence, balance}:
     * the line shows {@code names}, the members' defaults (each different one once, in declaration
     * order) and {@code description}. Members join it with {@link #listedIn(Row)}.
     *
     * @param names       what the line shows as the name, e.g. "hidden1, hidden2"
     * @param description the line's description
     */
    public record Row(String names, String description) {
        public Row {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(description, "description");
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(MethodConfig config, String name, T defaultValue);
    }

    private MethodParameter(String name, T defaultValue, String defaultText, String description, Reader<T> reader,
            List<String> choices, Row row) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not snake_case");
        }
        this.name = name;
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.description = Objects.requireNonNull(description, "description");
        this.reader = reader;
        this.choices = choices;
        this.row = row;
    }

    /** A real-valued parameter. */
    public static MethodParameter<Double> real(String name, double defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, format(defaultValue), description,
                (c, n, d) -> c.getDouble(n, d), List.of(), null);
    }

    /**
     * A real-valued parameter whose default {@code hashing methods} shows as written here ("5e-2",
     * "0.5e-6") rather than in the canonical form of {@link #real(String, double, String)}; the value
     * is {@code Double.parseDouble(written)}.
     */
    public static MethodParameter<Double> real(String name, String written, String description) {
        return new MethodParameter<>(name, Double.parseDouble(written), written, description,
                (c, n, d) -> c.getDouble(n, d), List.of(), null);
    }

    /** An integer parameter. */
    public static MethodParameter<Integer> integer(String name, int defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, Integer.toString(defaultValue), description,
                (c, n, d) -> c.getInt(n, d), List.of(), null);
    }

    /**
     * An integer parameter whose default depends on the run (the bit length, the training set size):
     * {@code hashing methods} shows {@code shownDefault} ("per bit length", "all"), and the method
     * reads it with {@link #read(MethodConfig, Object)}, giving the run's default ({@link #read(MethodConfig)}
     * fails unless the value is set).
     */
    public static MethodParameter<Integer> integerPerRun(String name, String shownDefault, String description) {
        return new MethodParameter<>(name, null, shownDefault, description, (c, n, d) -> {
            if (d == null && !c.params().containsKey(n)) {
                throw new IllegalStateException("the default of '" + n + "' depends on the run: read it with read(config, runDefault)");
            }
            return c.getInt(n, d == null ? 0 : d); // unset only with a run default, so 0 is never returned
        }, List.of(), null);
    }

    /** A true/false parameter. */
    public static MethodParameter<Boolean> flag(String name, boolean defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, Boolean.toString(defaultValue), description,
                (c, n, d) -> c.getBoolean(n, d), List.of(), null);
    }

    /** A free-text parameter (trimmed). */
    public static MethodParameter<String> text(String name, String defaultValue, String description) {
        return new MethodParameter<>(name, defaultValue, defaultValue, description,
                (c, n, d) -> c.getString(n, d).trim(), List.of(), null);
    }

    /**
     * A text parameter read as written (not trimmed), for values handed on to what checks them itself
     * (a file path, a backbone or head name); the default may be null ("not set"), shown as
     * {@code shownDefault}.
     */
    public static MethodParameter<String> verbatim(String name, String defaultValue, String shownDefault,
            String description) {
        return new MethodParameter<>(name, defaultValue, shownDefault, description,
                (c, n, d) -> c.getString(n, d), List.of(), null);
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
                (c, n, d) -> c.getString(n, d).trim().toLowerCase(Locale.ROOT), allowed, null);
    }

    /**
     * A copy whose default is shown as {@code text} rather than the value itself, for a default that
     * depends on the run (e.g. "cnn for images, else mlp"); {@link #read} still returns the declared
     * default when the parameter is unset.
     */
    public MethodParameter<T> shownAs(String text) {
        return new MethodParameter<>(name, defaultValue, text, description, reader, choices, row);
    }

    /** A copy that {@code hashing methods} lists on {@code row}'s line instead of a line of its own. */
    public MethodParameter<T> listedIn(Row row) {
        return new MethodParameter<>(name, defaultValue, defaultText, description, reader, choices,
                Objects.requireNonNull(row, "row"));
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The value in {@code config}, or the default when it is not set; a value of the wrong kind is a one-line error. */
    public T read(MethodConfig config) {
        return read(config, defaultValue);
    }

    /**
     * The value in {@code config}, or {@code runDefault} when it is not set: for a parameter declared
     * with {@link #integerPerRun}, whose default only the run knows.
     */
    public T read(MethodConfig config, T runDefault) {
        T v = reader.read(config, name, runDefault);
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

    /** The line {@code hashing methods} prints for this parameter alone (ignoring any {@link Row}). */
    public MethodInfo.Parameter describe() {
        return new MethodInfo.Parameter(name, defaultText, description);
    }

    /**
     * The lines {@code hashing methods} prints for {@code parameters}, in order: one a parameter, except
     * that the members of a {@link Row} share one line, where its first member stands.
     */
    public static List<MethodInfo.Parameter> describe(List<MethodParameter<?>> parameters) {
        Map<Row, List<String>> rowDefaults = new LinkedHashMap<>();
        for (MethodParameter<?> p : parameters) {
            if (p.row != null) {
                List<String> defaults = rowDefaults.computeIfAbsent(p.row, r -> new ArrayList<>());
                if (!defaults.contains(p.defaultText)) {
                    defaults.add(p.defaultText);
                }
            }
        }
        List<MethodInfo.Parameter> lines = new ArrayList<>();
        for (MethodParameter<?> p : parameters) {
            if (p.row == null) {
                lines.add(p.describe());
            } else if (rowDefaults.containsKey(p.row)) {
                lines.add(new MethodInfo.Parameter(p.row.names(), String.join(", ", rowDefaults.remove(p.row)),
                        p.row.description()));
            }
        }
        return lines;
    }

    /** A default as people write it: 1 rather than 1.0, 0.001, 1e-4 rather than 1.0E-4. */
    public static String format(double v) {
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
    public static List<String> names(List<MethodParameter<?>> parameters) {
        return parameters.stream().map(MethodParameter::name).toList();
    }

    @Override
    public String toString() {
        return name + "=" + defaultText + ": " + description;
    }

    /** Joins layer sizes as a parameter value is written ("1024,512"). */
    public static String sizes(int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}
