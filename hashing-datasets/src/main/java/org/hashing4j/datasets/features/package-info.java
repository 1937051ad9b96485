/**
 * Precomputed feature matrices a user brings ({@code .npy} float32 with labels as {@code .npy} or
 * text), as a dataset with a given or seeded split ({@link
 * org.hashing4j.datasets.features.FeaturesDataset}) and the readers of those files.
 *
 * <p>Dependencies: {@code core}, and within datasets the root package, {@code locate} and
 * {@code split}. Imported only by the {@link org.hashing4j.datasets.Datasets} registry.
 */
package org.hashing4j.datasets.features;
