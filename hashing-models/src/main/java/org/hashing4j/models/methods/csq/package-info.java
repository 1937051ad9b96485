/**
 * CSQ, Central Similarity Quantization (Yuan et al., CVPR 2020): fixed binary hash centres per
 * class (Hadamard rows or balanced random vectors), codes pulled to their centre by a per-bit BCE.
 * Trained by {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.csq;
