/**
 * A timing harness for the evaluation itself ({@link org.hashing4j.eval.bench.EvalBenchmark}:
 * mAP@all and P@H≤2 on a standard-protocol-sized synthetic set), run from the command line or through
 * the CLI's {@code bench-eval}.
 *
 * <p>Dependencies: {@code org.hashing4j.core} and {@code org.hashing4j.eval}. Imported only by the
 * CLI.
 */
package org.hashing4j.eval.bench;
