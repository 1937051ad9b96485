package org.hashing4j.models.nets.features;

import java.util.Locale;
import org.hashing4j.core.HashingException;

/**
 * How the activations of a convolutional layer (channels × height × width per image) become one
 * feature vector. Fully connected layers give vectors already and are not changed.
 */
public enum FeaturePooling {
    /** Mean over the spatial positions: one value per channel (the usual choice for conv features). */
    AVG,
    /** Maximum over the spatial positions: one value per channel. */
    MAX,
    /** All values, flattened in the network's layout (large: VGG16's block5_pool gives 25,088). */
    FLATTEN;

    /** Parses "avg", "max" or "flatten". */
    public static FeaturePooling parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new HashingException("unknown pooling '" + s + "'; known: avg, max, flatten");
        }
    }

    /** Lower-case name as users type it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
