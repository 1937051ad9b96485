package org.hashing4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code hashing methods} tells users about a method: the paper it implements and its
 * parameters with their defaults. Descriptive only; {@link MethodConfig} still reads and checks the
 * parameters.
 *
 * @param paper      a citation, e.g. "Gong &amp; Lazebnik, Iterative quantization, CVPR 2011"; empty if none
 * @param parameters the parameters in the order they are best read
 */
public record MethodInfo(String paper, List<Parameter> parameters) {
    /** What a method that describes nothing returns. */
    public static final MethodInfo UNDESCRIBED = new MethodInfo("", List.of());

    /**
     * One parameter.
     *
     * @param name         the snake_case name of experiment files and {@code -p name=value}
     * @param defaultValue the default as text (e.g. "50", "true", "all", "per bit length")
     * @param description  one line
     */
    public record Parameter(String name, String defaultValue, String description) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
        }
    }

    public MethodInfo {
        Objects.requireNonNull(paper, "paper");
        parameters = List.copyOf(parameters);
    }

    /**
     * A description from compact strings, so that a method describes itself in one line: each
     * parameter is {@code "name=default: description"}.
     *
     * @throws IllegalArgumentException naming a parameter string that is not of that form
     */
    public static MethodInfo of(String paper, String... parameters) {
        List<Parameter> ps = new ArrayList<>();
        for (String p : parameters) {
            int eq = p.indexOf('=');
            int colon = eq < 0 ? -1 : p.indexOf(": ", eq);
            if (eq <= 0 || colon < 0) {
                throw new IllegalArgumentException("parameter description '" + p
                        + "' is not of the form 'name=default: description'");
            }
            ps.add(new Parameter(p.substring(0, eq).trim(), p.substring(eq + 1, colon).trim(),
                    p.substring(colon + 2).trim()));
        }
        return new MethodInfo(paper, ps);
    }
}
