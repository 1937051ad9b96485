/**
 * The foundation every other module builds on, with no deep-learning dependency: packed binary codes
 * ({@link org.hashing4j.core.BinaryCodes}, {@code long[]} words) and Hamming kernels, ranking, the
 * {@link org.hashing4j.core.HashFunction} contract (features → codes) that every trained method
 * exposes, ground-truth {@link org.hashing4j.core.Labels}, feature sets, the {@code .npy} and code
 * file formats, atomic writes ({@link org.hashing4j.core.AtomicFiles}) and the one-line
 * {@link org.hashing4j.core.HashingException}.
 *
 * <p>Dependencies: the JDK only; it imports no other hashing4j package (not even
 * {@code core.index}). Every module may import it.
 */
package org.hashing4j.core;
