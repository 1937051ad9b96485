/**
 * The linear/kernel projection model sign((φ(x) − μ)·W − t) shared by LSH, PCAH, ITQ, ITQ-CCA, SDH
 * and KSH: one model class, saved and loaded the same way for all of them. Imports the contracts and
 * {@code linalg}; method packages import it, it imports no method.
 */
package org.hashing4j.models.projection;
