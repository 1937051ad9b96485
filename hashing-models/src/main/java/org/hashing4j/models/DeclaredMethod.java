package org.hashing4j.models;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The base of every method: a method declares once what it is ({@link Declaration}: its name, display
 * name, whether it is supervised, its paper and its parameters, each a {@link MethodParameter} constant
 * it reads its value through), and {@link #name()}, {@link #displayName()}, {@link #supervised()},
 * {@link #info()} and the known-parameter check ({@link #checkKnown}) derive from it, so that the
 * default {@code hashing methods} shows is the one in use. The shallow methods, BDNN and fine-tuning
 * extend it directly; deep methods through {@code training.DeepHashingMethod}, whose declaration adds
 * the shared training settings. See {@code docs/ARCHITECTURE.md} ("A method").
 *
 * <p>Subclasses fit and record their provenance themselves, with the effective settings of
 * {@link #settings} (every declared parameter, defaults filled in) rather than only what was set.
 * {@link #check} refuses undeclared parameter names, so that an experiment file with a misspelt name
 * fails when it is read, not when the entry's turn comes after hours of training; methods that can
 * check values without training (deep methods, BDNN, fine-tuning) check those there as well.
 */
public abstract class DeclaredMethod implements HashingMethod {

    /**
     * What a method is, declared once and handed to {@link #DeclaredMethod(Declaration)}.
     *
     * @param name        the registry name ({@link #name()}), e.g. {@code itq}
     * @param displayName the name reports show ({@link #displayName()}), e.g. {@code ITQ}
     * @param supervised  whether training needs labels ({@link #supervised()})
     * @param paper       the paper the method implements, as a one-line citation, shown by
     *                    {@code hashing methods}
     * @param parameters  the method's parameters, in the order {@code hashing methods} lists them; their
     *                    names are the known parameters
     */
    public record Declaration(String name, String displayName, boolean supervised, String paper,
            List<MethodParameter<?>> parameters) {
        public Declaration {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(paper, "paper");
            parameters = List.copyOf(parameters);
        }
    }

    private final Declaration declaration;

    /** A method described by {@code declaration}. */
    protected DeclaredMethod(Declaration declaration) {
        this.declaration = Objects.requireNonNull(declaration, "declaration");
    }

    /** The declared registry name. */
    @Override
    public final String name() {
        return declaration.name();
    }

    /** The declared display name. */
    @Override
    public final String displayName() {
        return declaration.displayName();
    }

    /** Whether the method is declared supervised. */
    @Override
    public final boolean supervised() {
        return declaration.supervised();
    }

    /** The paper and the declared parameters with their defaults. */
    @Override
    public final MethodInfo info() {
        return new MethodInfo(declaration.paper(), MethodParameter.describe(declaration.parameters()));
    }

    /** The declared parameters, in order. */
    protected final List<MethodParameter<?>> parameters() {
        return declaration.parameters();
    }

    /**
     * The effective settings a model's provenance records: every declared parameter in declaration
     * order, with its value in {@code config} or its default, so that a model file says which
     * hyper-parameters trained it even when the defaults later change. {@code resolved} gives the values
     * the method settled itself, which win: those of parameters whose default only the run knows
     * ({@link MethodParameter#integerPerRun}), and values the method clamped or derived.
     *
     * @throws IllegalStateException    if a run-dependent parameter is neither set nor in {@code resolved}
     * @throws IllegalArgumentException if {@code resolved} names a parameter the method does not declare
     */
    protected final Map<String, Object> settings(MethodConfig config, Map<String, ?> resolved) {
        List<String> declared = MethodParameter.names(parameters());
        for (String k : resolved.keySet()) {
            if (!declared.contains(k)) {
                throw new IllegalArgumentException(name() + " does not declare '" + k + "'");
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (MethodParameter<?> p : parameters()) {
            Object v = resolved.containsKey(p.name()) ? resolved.get(p.name()) : p.read(name(), config);
            if (v != null) { // a verbatim parameter left unset has no value to record
                m.put(p.name(), v);
            }
        }
        return m;
    }

    /** Refuses parameter names that are not declared; subclasses that can also check values do so. */
    @Override
    public void check(MethodConfig config) {
        checkKnown(config);
    }

    /** Fails on any parameter of {@code config} that is not declared, naming it and the known ones. */
    protected final void checkKnown(MethodConfig config) {
        checkKnown(config, Set.of());
    }

    /** As {@link #checkKnown(MethodConfig)}, also accepting {@code more} (e.g. a fine-tuning head's parameters). */
    protected final void checkKnown(MethodConfig config, Collection<String> more) {
        Set<String> known = new TreeSet<>(MethodParameter.names(parameters()));
        known.addAll(more);
        config.checkKnown(name(), known);
    }
}
