/**
 * SDH-C as FIRe defines it (from Liong et al., CVPR 2015): quantisation, variance and
 * weight-orthogonality terms with a classification loss on tanh codes. Trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.sdhc;
