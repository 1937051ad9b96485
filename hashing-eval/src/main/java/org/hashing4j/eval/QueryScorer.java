package org.hashing4j.eval;

/** Scores one query at a time into a {@link QueryOutcome}; one instance per thread. */
interface QueryScorer {
    void score(int query, QueryOutcome out);
}
