/**
 * SDH-C as FIRe defines it: the Deep Hashing objective of Liong et al. (CVPR 2015) — quantisation,
 * bit variance, orthogonal projection — with a classification loss in place of SDH's pairwise term.
 * Trained by {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.sdhc;
