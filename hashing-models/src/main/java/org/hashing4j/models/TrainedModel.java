package org.hashing4j.models;

import java.io.IOException;
import org.hashing4j.core.HashFunction;

/**
 * A trained hash function that can be written to a model archive and read back by its method to
 * give identical codes.
 */
public interface TrainedModel extends HashFunction {
    /** Writes the method-specific entries (weights, matrices, settings) to {@code archive}. */
    void save(ModelArchive.Writer archive) throws IOException;
}
