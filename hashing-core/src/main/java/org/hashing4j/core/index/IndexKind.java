package org.hashing4j.core.index;

import java.util.Locale;
import org.hashing4j.core.HashingException;

/** The search algorithms behind {@link HammingIndex}; both give identical, exact results. */
public enum IndexKind {
    /** Compares the query with every code ({@link ExhaustiveIndex}). */
    EXHAUSTIVE("exhaustive"),
    /** Multi-index hashing: substring hash tables, then exact verification ({@link MultiIndexHashing}). */
    MULTI_INDEX("mih");

    private final String label;

    IndexKind(String label) {
        this.label = label;
    }

    /** The name users type: {@code exhaustive} or {@code mih}. */
    public String label() {
        return label;
    }

    /** The kind called {@code name} ({@code exhaustive}, {@code mih}, case-insensitive). */
    public static IndexKind parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (IndexKind k : values()) {
            if (k.label.equals(n) || k.name().toLowerCase(Locale.ROOT).equals(n)) {
                return k;
            }
        }
        if (n.equals("multi-index") || n.equals("multi-index-hashing") || n.equals("flat") || n.equals("scan")) {
            return n.startsWith("multi") ? MULTI_INDEX : EXHAUSTIVE;
        }
        throw new HashingException("unknown index kind '" + name + "'; known kinds: exhaustive, mih");
    }

    @Override
    public String toString() {
        return label;
    }
}
