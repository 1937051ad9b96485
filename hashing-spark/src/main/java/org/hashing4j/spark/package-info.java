/**
 * The Spark jobs of hashing4j: distributed encoding ({@link org.hashing4j.spark.DistributedEncoder}),
 * exact top-k and radius search ({@link org.hashing4j.spark.DistributedSearch}), the exact
 * near-duplicate self-join ({@link org.hashing4j.spark.NearDuplicateJoin}) and query-sharded
 * evaluation ({@link org.hashing4j.spark.DistributedEvaluator}), over the code tables of
 * {@link org.hashing4j.spark.CodeTable}. Every job reuses the core's kernels, index and file formats
 * and the eval module's metrics; nothing here re-implements them.
 *
 * <p>May import hashing-core, hashing-datasets, hashing-models, hashing-eval and Spark. Nothing in
 * the project imports this package except {@code org.hashing4j.spark.cli} and
 * {@code org.hashing4j.spark.bench}.
 */
package org.hashing4j.spark;
