/**
 * ITQ-CCA: canonical correlation analysis against the labels, then ITQ's rotation. Imports the
 * contracts, {@code projection}, {@code linalg} and {@code methods.itq}; nothing imports it but the registry.
 */
package org.hashing4j.models.methods.itqcca;
