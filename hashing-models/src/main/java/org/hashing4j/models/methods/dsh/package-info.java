/**
 * DSH (Liu, Wang, Shan, Chen, CVPR 2016): contrastive loss on squared distances with a margin and an
 * L1 pull towards ±1. Trained by {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.dsh;
