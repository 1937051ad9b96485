/**
 * The cross-entropy baseline (FIRe's {@code ce}; the point of Sablayrolles et al., ICASSP 2017): a
 * classifier on a K-dimensional linear bottleneck, codes the signs of the bottleneck. Trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.ce;
