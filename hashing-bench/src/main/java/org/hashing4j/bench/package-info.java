/**
 * JMH benchmarks of the search index (build time, top-k and radius latency of the scan and of
 * multi-index hashing) and a CPU-time report over the same grid; built only with the {@code bench}
 * Maven profile, outside the normal build and tests.
 *
 * <p>Dependencies: {@code org.hashing4j.core} and {@code org.hashing4j.core.index} (and JMH).
 * Nothing imports it.
 */
package org.hashing4j.bench;
