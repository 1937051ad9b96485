/**
 * GreedyHash (Su et al., NeurIPS 2018), supervised and unsupervised: sign in the forward pass,
 * identity in the backward pass, a cubic penalty keeping |u| near 1. Trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.greedyhash;
