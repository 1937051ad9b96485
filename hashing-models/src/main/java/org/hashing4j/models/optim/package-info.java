/**
 * Numerical optimisers over plain double arrays (L-BFGS with a strong-Wolfe line search), used by
 * methods that optimise a whole-batch objective (the BDNN network step). Imports core only; any
 * method may import it.
 */
package org.hashing4j.models.optim;
