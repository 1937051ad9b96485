/**
 * JMLH (Shen et al.): a stochastic binary bottleneck with a KL prior, trained end to end as a
 * SameDiff graph on the small CNN or MLP. Imports the contracts, {@code nets}, {@code layers} and
 * {@code training}; nothing imports it but the registry.
 */
package org.hashing4j.models.methods.jmlh;
