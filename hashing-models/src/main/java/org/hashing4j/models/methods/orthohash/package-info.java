/**
 * OrthoHash (Hoe et al., NeurIPS 2021), OrthoCos and OrthoArc: one margin-softmax loss over cosine
 * similarities to a fixed ±1 codebook, after batch normalisation. Trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.orthohash;
