/**
 * ITQ (Gong and Lazebnik): PCA then an orthogonal rotation that minimises the quantisation loss.
 * Imports the contracts, {@code projection} and {@code linalg}. Its rotation step is public because
 * ITQ-CCA and UH-BDNN's initialisation reuse it; otherwise nothing imports it but the registry.
 */
package org.hashing4j.models.methods.itq;
