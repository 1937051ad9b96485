/**
 * HashNet (Cao et al., ICCV 2017): balanced pairwise logistic loss on tanh(βu), β growing by
 * continuation. Trained by {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.hashnet;
