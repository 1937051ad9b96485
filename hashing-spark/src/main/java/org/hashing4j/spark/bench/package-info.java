/**
 * The Spark benchmark ({@link org.hashing4j.spark.bench.SparkBenchmark}): encoding, search and join
 * throughput at {@code local[1]} and {@code local[2]}; a main class, not a unit test.
 *
 * <p>May import {@code org.hashing4j.spark}; nothing imports it.
 */
package org.hashing4j.spark.bench;
