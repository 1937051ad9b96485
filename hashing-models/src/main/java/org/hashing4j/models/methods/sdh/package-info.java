/**
 * SDH (Shen et al.): supervised discrete hashing on RBF anchor features, with the discrete cyclic
 * coordinate B step. Imports the contracts, {@code projection} and {@code linalg}; nothing imports it
 * but the registry.
 */
package org.hashing4j.models.methods.sdh;
