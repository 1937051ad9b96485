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

    /** How the model was made, as written to its model file. */
    ModelProvenance modelProvenance();

    /** {@link #modelProvenance()} as plain data. */
    @Override
    default java.util.Map<String, Object> provenance() {
        ModelProvenance p = modelProvenance();
        return p == null ? java.util.Map.of() : p.toMap();
    }
}
