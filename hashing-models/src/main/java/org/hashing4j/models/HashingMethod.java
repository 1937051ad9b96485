package org.hashing4j.models;

import java.io.IOException;
import org.hashing4j.core.FeatureSet;

/**
 * A learning-to-hash method: learns a {@link TrainedModel} from a training set, and reads one back
 * from a model archive. One implementation per method, in its own package, registered with one line
 * in {@link MethodRegistry}.
 */
public interface HashingMethod {
    /** The name users type ("itq", "jmlh", "uh-bdnn"); lower case. */
    String name();

    /** The name in report tables ("ITQ", "JMLH", "UH-BDNN"). */
    String displayName();

    /** Whether {@link #fit} needs labels. */
    boolean supervised();

    /** Learns a hash function; reports progress and checkpoints through {@code context}. */
    TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context);

    /** Reads a model this method saved with {@link TrainedModel#save}. */
    TrainedModel load(ModelArchive.Reader archive) throws IOException;

    /**
     * Checks {@code config}'s parameters without training, so that an experiment with a bad value
     * fails when it is read, not hours later when this method's turn comes; throws a one-line
     * {@code HashingException} naming the parameter. Methods that check only in {@link #fit} keep
     * the default, which checks nothing.
     */
    default void check(MethodConfig config) {
    }

    /** The paper and the parameters with their defaults, for {@code hashing methods}; nothing by default. */
    default MethodInfo info() {
        return MethodInfo.UNDESCRIBED;
    }
}
