/**
 * MNIST and Fashion-MNIST: their files, mirrors and checksums ({@link
 * org.hashing4j.datasets.mnist.IdxDataset}) and the provider that builds their protocols.
 *
 * <p>Dependencies: {@code core}, and within datasets the root package, {@code idx} and
 * {@code locate}. Imported only by the {@link org.hashing4j.datasets.Datasets} registry.
 */
package org.hashing4j.datasets.mnist;
