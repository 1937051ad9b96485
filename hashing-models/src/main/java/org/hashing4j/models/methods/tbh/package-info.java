/**
 * TBH, Auto-Encoding Twin-Bottleneck Hashing (Shen et al., CVPR 2020): an autoencoder whose binary
 * bottleneck builds the batch graph a GCN smooths the continuous bottleneck over, with adversarial
 * critics on both bottlenecks. Unsupervised; trained by {@code training.DeepTrainer}; nothing
 * imports this package but the registry.
 */
package org.hashing4j.models.methods.tbh;
