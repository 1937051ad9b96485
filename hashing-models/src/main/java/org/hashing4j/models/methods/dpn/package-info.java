/**
 * DPN, Deep Polarized Network (Fan et al., IJCAI 2020): a polarisation hinge pushing each output to
 * agree in sign with its class's fixed target bit by a margin. Trained by {@code training.DeepTrainer};
 * nothing imports this package but the registry.
 */
package org.hashing4j.models.methods.dpn;
