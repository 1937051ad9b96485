/**
 * PCAH: the sign of the top principal components. Imports the contracts, {@code projection} and
 * {@code linalg}; nothing imports it but the registry.
 */
package org.hashing4j.models.methods.pcah;
