/**
 * DTSH (Wang, Shi, Kitani, ACCV 2016): triplet likelihood with a margin on inner products, plus
 * quantisation. Trained by {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.dtsh;
