package org.hashing4j.datasets.split;

/**
 * A retrieval split as row indices into one pool of items: the queries, the database searched for
 * them, and the training set (a subset of the database, or the database itself). Each array is in
 * ascending order.
 */
public record SplitIndices(int[] query, int[] database, int[] train) {
}
