/**
 * CIFAR-10: where its files lie and how to fetch them ({@link
 * org.hashing4j.datasets.cifar.Cifar10Source}, official binary batches or DL4J's PNG layout), the
 * binary batch reader, and the provider that builds its protocols.
 *
 * <p>Dependencies: {@code core}, and within datasets the root package, {@code folder},
 * {@code image} and {@code locate}. Only the {@link org.hashing4j.datasets.Datasets} registry
 * imports it; everything else reaches CIFAR-10 by name.
 */
package org.hashing4j.datasets.cifar;
