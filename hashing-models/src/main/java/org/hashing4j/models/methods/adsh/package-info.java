/**
 * ADSH (Jiang &amp; Li, AAAI 2018): asymmetric deep supervised hashing, a query network trained
 * against learned binary codes of the whole training set, which are updated bit by bit in closed
 * form per outer iteration. Trained by {@code training.DeepTrainer}; nothing imports this package
 * but the registry.
 */
package org.hashing4j.models.methods.adsh;
