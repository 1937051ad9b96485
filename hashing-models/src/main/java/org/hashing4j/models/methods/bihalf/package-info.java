/**
 * BiHalf (Li &amp; van Gemert, AAAI 2021): the Bi-half layer ({@code layers.BiHalf}) trained with the
 * pair-cosine loss (unsupervised) or with a classifier (FIRe's supervised variant). Trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.bihalf;
