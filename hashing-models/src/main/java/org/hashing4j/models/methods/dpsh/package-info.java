/**
 * DPSH (Li, Wang, Kang, IJCAI 2016): pairwise logistic likelihood between the batch and a bank of
 * the whole training set's latest outputs, plus quantisation. Trained by
 * {@code training.DeepTrainer}; nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.dpsh;
