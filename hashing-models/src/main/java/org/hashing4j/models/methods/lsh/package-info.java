/**
 * LSH (random hyperplanes, optionally centred), a data-independent baseline. One method of
 * {@code models.methods}: imports the contracts, {@code projection} and {@code linalg}; nothing imports
 * it but the registry.
 */
package org.hashing4j.models.methods.lsh;
