/**
 * DFH, Deep Fisher Hashing (Li, Pei, Zha, van Gemert, BMVC 2019): pairwise likelihood with a margin
 * against a bank, plus binary class centres updated by discrete cyclic coordinate descent. Trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.dfh;
