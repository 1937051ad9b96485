/**
 * Readers of the IDX format (MNIST and Fashion-MNIST files, plain or gzip-compressed): images and
 * labels, with one-line errors naming the file and what is wrong.
 *
 * <p>Dependencies: {@code org.hashing4j.core} only. Imported by {@code mnist}.
 */
package org.hashing4j.datasets.idx;
