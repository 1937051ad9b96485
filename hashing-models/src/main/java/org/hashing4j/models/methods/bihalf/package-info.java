/**
 * BiHalf (Li &amp; van Gemert, AAAI 2021), unsupervised, and FIRe's supervised variant: the Bi-half
 * layer forces every bit to split each batch half/half. Trained by {@code training.DeepTrainer};
 * nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.bihalf;
