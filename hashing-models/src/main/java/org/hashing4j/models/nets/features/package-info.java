/**
 * Feature extraction with a backbone: a dataset's images through a network layer to feature rows
 * (pooled), cached on disk by a key of everything that decides their values. Imports {@code nets}
 * and datasets; imported by methods that train on backbone features and by commands.
 */
package org.hashing4j.models.nets.features;
