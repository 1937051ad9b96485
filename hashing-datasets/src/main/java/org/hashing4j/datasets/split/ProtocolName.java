package org.hashing4j.datasets.split;

import org.hashing4j.core.HashingException;

/**
 * Parses the protocol names that carry per-class counts: {@code sampled} (100 queries and 500
 * training items per class) or {@code sampled:Q:T} (Q queries and T training items per class),
 * used by datasets whose size the user chooses (image folders, feature files).
 *
 * @param queriesPerClass queries per class
 * @param trainPerClass   training items per class
 */
public record ProtocolName(int queriesPerClass, int trainPerClass) {
    public static final String SAMPLED = "sampled";

    /** Whether {@code protocol} is {@code sampled} or {@code sampled:Q:T}. */
    public static boolean isSampled(String protocol) {
        return protocol.equals(SAMPLED) || protocol.startsWith(SAMPLED + ":");
    }

    /** Parses {@code sampled} or {@code sampled:Q:T}. */
    public static ProtocolName parseSampled(String protocol) {
        if (protocol.equals(SAMPLED)) {
            return new ProtocolName(100, 500);
        }
        String[] parts = protocol.split(":");
        if (parts.length == 3 && parts[0].equals(SAMPLED)) {
            try {
                int q = Integer.parseInt(parts[1]);
                int t = Integer.parseInt(parts[2]);
                if (q > 0 && t > 0) {
                    return new ProtocolName(q, t);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new HashingException("bad protocol '" + protocol + "': expected 'sampled' or 'sampled:Q:T' with Q queries"
                + " and T training items per class (positive integers)");
    }
}
