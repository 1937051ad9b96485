/**
 * The split protocols as index sets: seeded class-balanced sampling ({@link
 * org.hashing4j.datasets.split.Splits}), protocol names and their parameters, the resulting
 * train / query / database indices, and the classes a seen/unseen-class protocol holds out ({@link
 * org.hashing4j.datasets.split.ClassHoldout}). Pure arithmetic on labels, reproducible from the seed.
 *
 * <p>Dependencies: {@code org.hashing4j.core} only. Imported by the dataset families and the root
 * package.
 */
package org.hashing4j.datasets.split;
