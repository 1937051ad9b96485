/**
 * Dense linear algebra on ND4J arrays that the shallow methods share: PCA, SVD, symmetric eigen
 * decomposition, matrix helpers and RBF anchor features. Imports core and the model-file contracts
 * (to store anchors); any method may import it.
 */
package org.hashing4j.models.linalg;
