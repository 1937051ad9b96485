package org.hashing4j.core.index;

/** One search hit: the id of a stored code and its Hamming distance to the query. */
public record Neighbor(long id, int distance) {
}
