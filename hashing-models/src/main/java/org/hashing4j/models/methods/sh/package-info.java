/**
 * Spectral hashing (Weiss et al.): PCA, then analytical eigenfunctions along the principal
 * directions. Imports the contracts and {@code linalg}; nothing imports it but the registry.
 */
package org.hashing4j.models.methods.sh;
