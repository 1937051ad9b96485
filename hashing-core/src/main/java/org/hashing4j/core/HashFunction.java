package org.hashing4j.core;

import java.util.Map;

/**
 * What every trained hashing method exposes: a map from feature vectors (one row per item, already
 * pre-processed to the method's input dimension, e.g. 784 pixels or 4096 CNN features) to binary
 * codes. Implementations are deterministic at encoding time.
 */
public interface HashFunction {
    /** Code length in bits. */
    int bits();

    /** Expected length of each input row. */
    int inputDimension();

    /** Encodes each row of {@code features} to a code. */
    BinaryCodes encode(float[][] features);

    /** Method name as users type it, e.g. "itq" or "jmlh". */
    String method();

    /**
     * Provenance: how this function was made (method, hyper-parameters, seed, data, versions), as
     * plain key/value data that a report or model file can record.
     */
    Map<String, Object> provenance();

    /** Checks that {@code features} fits this function; a shared guard for implementations. */
    default void checkInput(float[][] features) {
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != inputDimension()) {
                throw new HashingException(method() + " expects " + inputDimension() + " features per item, row " + i
                        + " has " + features[i].length);
            }
        }
    }
}
