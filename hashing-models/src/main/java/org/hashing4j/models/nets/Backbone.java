package org.hashing4j.models.nets;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The feature extractor below a hashing head: adds its layers to a SameDiff graph, starting from
 * a variable holding a mini-batch of flattened inputs (batch × inputDimension), and returns its
 * feature variable. Heads (JMLH, ...) only see {@link Features}, so any backbone fits any head.
 *
 * <p>A backbone is fully described by {@link #spec()}; {@link Backbones#fromSpec} rebuilds an
 * identical one (same variable names and shapes) when a model file is loaded.
 */
public interface Backbone {
    /** Name users type: "cnn", "mlp". */
    String name();

    /** Length of each input row this backbone expects. */
    int inputDimension();

    /** Everything needed to rebuild this backbone: name, input dimension, image shape, sizes, layout. */
    Map<String, Object> spec();

    /**
     * Adds the layers to {@code sd}. Weights are drawn from {@code init} (in a fixed order) and
     * named {@code <name>/<layer>/W|b}.
     *
     * @param input batch × {@link #inputDimension()} float variable
     */
    Features build(SameDiff sd, SDVariable input, SeededInitializer init);

    /** A backbone's output: a batch × dimension feature variable. */
    record Features(SDVariable output, int dimension) {
    }
}
