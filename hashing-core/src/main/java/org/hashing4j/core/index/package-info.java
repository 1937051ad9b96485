/**
 * Searchable Hamming indexes over packed codes: the exhaustive scan ({@link
 * org.hashing4j.core.index.ExhaustiveIndex}, unrolled kernels in {@code CodeScanner}), multi-index
 * hashing ({@link org.hashing4j.core.index.MultiIndexHashing}), top-k and radius queries, and their
 * shared code store. Persistence is kept apart from the index classes, as FAISS keeps {@code
 * index_io} apart: {@link org.hashing4j.core.index.IndexFile} is the facade over the file format,
 * its reader and its crash-safe append writer.
 *
 * <p>Dependencies: {@code org.hashing4j.core} only. Imported by whatever searches codes (the CLI,
 * the benchmarks); never by {@code core} itself.
 */
package org.hashing4j.core.index;
