/**
 * The {@code spark-submit} entry point ({@link org.hashing4j.spark.cli.SparkMain}) and its
 * subcommands {@code encode}, {@code search}, {@code join}, {@code evaluate} and {@code export},
 * which {@code ./hashing spark ...} also runs in local mode. Thin: parses options, reads the
 * toolkit's files, calls the jobs in {@code org.hashing4j.spark}, writes the results.
 *
 * <p>May import {@code org.hashing4j.spark} and the modules it builds on; nothing imports it.
 */
package org.hashing4j.spark.cli;
