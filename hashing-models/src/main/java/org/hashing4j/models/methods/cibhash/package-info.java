/**
 * CIBHash (Qiu et al., IJCAI 2021): contrastive learning on the binary codes of two augmented views
 * of each image, plus a KL bottleneck between the views' bit probabilities. Unsupervised; trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.cibhash;
