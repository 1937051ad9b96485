/**
 * SSDH, Semantic Structure-based unsupervised Deep Hashing (Yang et al., IJCAI 2018): pseudo pairwise
 * labels from the distribution of feature cosine distances, code inner products regressed on them.
 * Trained by {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.ssdh;
