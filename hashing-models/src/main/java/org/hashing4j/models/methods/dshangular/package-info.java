/**
 * Angular Deep Supervised Hashing (Zhou et al., IEEE Access 2019), the method FIRe registers as
 * {@code adsh}; here {@code dsh-angular}, so that it clashes neither with {@code dsh} (Liu et al.)
 * nor with the asymmetric ADSH. Trained by {@code training.DeepTrainer}; nothing imports this
 * package but the registry.
 */
package org.hashing4j.models.methods.dshangular;
