/**
 * Every network that turns an input into features: the 28×28 small CNN and MLP as SameDiff graph
 * builders ({@link org.hashing4j.models.nets.Backbone}), DL4J backbones loaded from zoo or files
 * ({@link org.hashing4j.models.nets.NetworkBackbone}, {@link org.hashing4j.models.nets.BackboneFiles}),
 * their input normalisation and image batching, and the compute-backend description. Imports core,
 * datasets and the contracts; methods import it, it imports no method.
 */
package org.hashing4j.models.nets;
