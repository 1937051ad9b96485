package org.hashing4j.core.index;

import org.hashing4j.core.BinaryCodes;

/**
 * A searchable set of binary codes, each with a caller-chosen {@code long} id, compared by Hamming
 * distance. The vocabulary follows FAISS's binary indexes: {@link #add} codes, {@link #search} the
 * k nearest, {@link #rangeSearch} everything within a radius, {@link #remove} by id.
 *
 * <p>Results are exact and deterministic: neighbours come in ascending distance, ties in ascending id,
 * so every index kind returns the same answer for the same content.
 *
 * <p>Bad input (codes of another bit length, {@code k <= 0}, a negative radius, unknown or duplicate
 * ids, negative ids) throws {@link org.hashing4j.core.HashingException} with a one-line message and
 * leaves the index unchanged. Searches may run concurrently with each other; {@code add} and
 * {@code remove} wait for running searches and block new ones while they change the index.
 *
 * <p>Create one with {@link #create(IndexKind, int)} or the implementations' constructors, or open a
 * saved one with {@link IndexFile}.
 */
public interface HammingIndex {

    /** Code length in bits; every added or searched code must have it. */
    int bits();

    /** Number of codes currently in the index (removed ones excluded). */
    int size();

    /** Which algorithm answers queries. */
    IndexKind kind();

    /**
     * Adds codes with ids chosen by the index: consecutive, starting one above the largest id the
     * index holds (0 for an empty index).
     *
     * @return the ids given to the codes, in order
     */
    long[] add(BinaryCodes codes);

    /**
     * Adds codes with the given ids ({@code ids[i]} for code {@code i}). Ids must be {@code >= 0},
     * distinct, and not already in the index.
     */
    void add(BinaryCodes codes, long[] ids);

    /**
     * The {@code k} nearest codes to each query (fewer when the index holds fewer than {@code k}),
     * in ascending distance, ties in ascending id.
     */
    SearchResult search(BinaryCodes queries, int k);

    /**
     * All codes within Hamming distance {@code radius} of each query, the radius included
     * ({@code distance <= radius}), in ascending distance, ties in ascending id.
     */
    SearchResult rangeSearch(BinaryCodes queries, int radius);

    /**
     * Removes the codes with these ids. Every id must be in the index and listed once; otherwise
     * nothing is removed.
     *
     * @return the number of codes removed ({@code ids.length})
     */
    int remove(long... ids);

    /** Whether a code with this id is in the index. */
    boolean contains(long id);

    /** Live ids in internal (insertion) order. */
    long[] ids();

    /** The codes stored under {@code ids}, in that order (FAISS's {@code reconstruct}). */
    BinaryCodes codes(long... ids);

    /** Number of threads a search uses. */
    int threads();

    /** An empty index of the given kind with one search thread per available processor. */
    static HammingIndex create(IndexKind kind, int bits) {
        return create(kind, bits, Runtime.getRuntime().availableProcessors());
    }

    /** An empty index of the given kind using {@code threads} search threads. */
    static HammingIndex create(IndexKind kind, int bits, int threads) {
        switch (kind) {
            case EXHAUSTIVE:
                return new ExhaustiveIndex(bits, threads);
            case MULTI_INDEX:
                return new MultiIndexHashing(bits, threads);
            default:
                throw new IllegalArgumentException("unknown index kind " + kind);
        }
    }
}
