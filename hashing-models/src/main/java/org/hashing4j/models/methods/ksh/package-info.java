/**
 * KSH (Liu et al.): kernel-based supervised hashing on RBF anchor features, spectral relaxation then
 * gradient descent per bit. Imports the contracts, {@code projection} and {@code linalg}; nothing
 * imports it but the registry.
 */
package org.hashing4j.models.methods.ksh;
