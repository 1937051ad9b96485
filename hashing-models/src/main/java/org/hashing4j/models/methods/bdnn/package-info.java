/**
 * UH-BDNN and SH-BDNN (Do et al.): binary deep neural networks trained by alternating an L-BFGS
 * network step and a discrete code step. Imports the contracts, {@code layers}, {@code training},
 * {@code optim}, {@code linalg} and {@code methods.itq} (UH-BDNN's initialisation); nothing imports it
 * but the registry (and fine-tuning's SH-BDNN head, which reuses its losses through {@code layers}).
 */
package org.hashing4j.models.methods.bdnn;
