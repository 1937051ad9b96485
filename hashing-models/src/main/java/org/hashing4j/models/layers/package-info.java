/**
 * Custom SameDiff layers for learning to hash, usable in any DL4J {@code MultiLayerNetwork} or
 * {@code ComputationGraph} configuration and serialisable to its JSON.
 *
 * <p>Conventions shared by the loss layers (all {@code SameDiffOutputLayer}s):
 * <ul>
 *   <li>Rows are samples: a batch of codes H is m × L (the papers write it L × m).</li>
 *   <li>Each layer returns its loss <em>multiplied by the batch size m</em> where the formula is not
 *       already a sum over samples, because DL4J divides an output layer's score (and its
 *       gradient, in the updater) by the minibatch size. The score DL4J reports is then exactly the
 *       paper's term, e.g. λ3/2‖(1/m)HᵀH − I‖² for {@link IndependenceLoss}.</li>
 *   <li>The layer's activations are its input (the codes), except for {@link ReconstructionLoss}
 *       whose activations are the reconstruction.</li>
 * </ul>
 * Batch-level terms (independence, balance, pairwise similarity) are only the paper's objective when
 * the batch is the whole training set, as with full-batch L-BFGS.
 */
package org.hashing4j.models.layers;
