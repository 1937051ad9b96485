/**
 * Named datasets and the retrieval splits of their protocols: the {@link
 * org.hashing4j.datasets.Datasets} registry, the {@link org.hashing4j.datasets.DatasetProvider}
 * contract, {@link org.hashing4j.datasets.RetrievalSplit} (train / query / database with labels) and
 * helpers shared by the providers (options, status, Euclidean ground truth). The subpackages hold one
 * dataset family each ({@code mnist}, {@code cifar}, {@code features}, {@code folder},
 * {@code listfile}) plus the shared {@code idx}, {@code image}, {@code locate} and {@code split}.
 *
 * <p>Dependencies: {@code org.hashing4j.core}, DataVec/ND4J, and its own subpackages (this package
 * registers the providers). Imported by models, experiment and the CLI; never by core or eval.
 */
package org.hashing4j.datasets;
