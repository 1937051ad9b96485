package org.hashing4j.models.nets;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The backbone for inputs that already are features (cached {@code .npy} features of a pretrained
 * network, or any feature matrix): it adds nothing to the graph and hands the input rows on as the
 * feature variable, so a hashing head trains on them directly (the "frozen backbone" setting of most
 * deep hashing papers, at the cost of one pass of feature extraction instead of one per epoch).
 */
public final class IdentityBackbone implements Backbone {
    public static final String NAME = "features";

    private final int dimension;

    /** @param dimension length of the feature rows */
    public IdentityBackbone(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("input_dimension", dimension);
        return m;
    }

    @Override
    public Features build(SameDiff sd, SDVariable input, SeededInitializer init) {
        return new Features(input, dimension);
    }
}
