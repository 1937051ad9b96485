package org.hashing4j.models.nets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A multi-layer perceptron on the flattened input: dense layers with ReLU. Cheap to train, so the
 * quick demo can use it; on 28×28 images it is weaker than {@link SmallCnnBackbone}.
 */
public final class MlpBackbone implements Backbone {
    public static final String NAME = "mlp";
    /** Hidden sizes used when none are given. */
    public static final int[] DEFAULT_HIDDEN = {1024, 512};

    private final int inputDimension;
    private final int[] hidden;

    /**
     * @param inputDimension length of each input row
     * @param hidden         sizes of the hidden ReLU layers, at least one, all ≥ 1
     */
    public MlpBackbone(int inputDimension, int... hidden) {
        if (inputDimension < 1) {
            throw new HashingException("mlp backbone: input dimension must be >= 1, got " + inputDimension);
        }
        if (hidden.length == 0) {
            throw new HashingException("mlp backbone needs at least one hidden layer");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new HashingException("mlp backbone: hidden layer sizes must be >= 1, got " + Arrays.toString(hidden));
            }
        }
        this.inputDimension = inputDimension;
        this.hidden = hidden.clone();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    /** The hidden layer sizes. */
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("input_dimension", inputDimension);
        m.put("hidden", Arrays.stream(hidden).boxed().toList());
        return m;
    }

    @Override
    public Features build(SameDiff sd, SDVariable input, SeededInitializer init) {
        SDVariable x = input;
        int in = inputDimension;
        for (int i = 0; i < hidden.length; i++) {
            x = sd.nn.relu(Layers.dense(sd, NAME + "/fc" + (i + 1), x, in, hidden[i], init, Layers.Init.RELU), 0);
            in = hidden[i];
        }
        return new Features(x, in);
    }
}
