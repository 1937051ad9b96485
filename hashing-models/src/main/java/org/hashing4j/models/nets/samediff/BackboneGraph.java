package org.hashing4j.models.nets.samediff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.ImageBatches;
import org.hashing4j.models.nets.ImageInput;
import org.hashing4j.models.nets.InputNormalization;
import org.hashing4j.models.nets.SeededInitializer;
import org.hashing4j.models.training.SessionMemory;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link GraphBackbone} built as a SameDiff graph with its weights, up to a chosen layer — what a
 * hashing head is attached to and what extracts features.
 *
 * <pre>{@code
 * BackboneGraph g = BackboneGraph.build(new ResNet50Graph(), BackboneWeights.torchvision(npz), 224, 224, "avgpool", null);
 * SameDiff sd = g.sameDiff();
 * SDVariable f = g.features();                 // batch × 2048, attach the head here
 * g.freeze();                                  // or: train g.trainableVariables() with a lower rate
 * float[][] x = g.extract(nchwImagesIn01);     // forward only
 * }</pre>
 *
 * <p>The placeholder {@link #INPUT} takes NCHW float images with values in [0,1] at the graph's
 * size (hashing4j's convention); the graph switches to NHWC and normalises as its weights expect
 * ({@link BackboneWeights#normalization()}) itself. Convolution activations are NHWC.
 *
 * <p>Training: the weights and biases are SameDiff VARIABLEs ({@link #trainableVariables()}); a
 * batch norm has been folded into the convolution before it when the weights were loaded, so a
 * ResNet's trained convolution weights and biases are the folded ones (see {@code GraphBuilder#convBn})
 * and the running statistics stay fixed. A trainer either
 * excludes the backbone by asking gradients for its own variables only, or calls {@link #freeze()},
 * which turns the backbone's variables into constants (no gradient is computed for them at all);
 * {@link #unfreeze()} reverses it.
 */
public final class BackboneGraph {
    /** Name of the input placeholder: NCHW, [0,1]. */
    public static final String INPUT = "input";

    private final GraphBackbone net;
    private final BackboneWeights weights;
    private final SameDiff sd;
    private final int height;
    private final int width;
    private final String layer;
    private final Map<String, SDVariable> layers;
    private final List<ParamLayer> params;
    private final List<String> trainable;
    private boolean frozen;

    private BackboneGraph(GraphBackbone net, BackboneWeights weights, SameDiff sd, int height, int width, String layer,
            GraphBuilder b) {
        this.net = net;
        this.weights = weights;
        this.sd = sd;
        this.height = height;
        this.width = width;
        this.layer = layer;
        this.layers = b.layers();
        this.params = b.params();
        this.trainable = List.copyOf(b.trainable());
    }

    /**
     * Builds {@code net} in a new graph.
     *
     * @param height   input height (224 for ImageNet weights)
     * @param width    input width
     * @param layer    the feature layer (cut point), or null for {@link GraphBackbone#defaultFeatureLayer()}
     * @param listener download progress for pretrained zoo weights, or null
     */
    public static BackboneGraph build(GraphBackbone net, BackboneWeights weights, int height, int width, String layer,
            TrainingListener listener) {
        return build(SameDiff.create(), net, weights, height, width, layer, listener);
    }

    /** As {@link #build(GraphBackbone, BackboneWeights, int, int, String, TrainingListener)}, into an existing graph. */
    public static BackboneGraph build(SameDiff sd, GraphBackbone net, BackboneWeights weights, int height, int width,
            String layer, TrainingListener listener) {
        if (height < 1 || width < 1) {
            throw new HashingException("input size must be positive, got " + height + "x" + width);
        }
        return build(sd, sd.placeHolder(INPUT, DataType.FLOAT, -1, 3, height, width), net, weights, height, width, layer,
                listener);
    }

    /**
     * As {@link #build(SameDiff, GraphBackbone, BackboneWeights, int, int, String, TrainingListener)}, on top of an
     * existing NCHW [0,1] variable of the graph instead of a placeholder of its own: how a hashing network that
     * already has an input (e.g. {@code DeepNetwork}'s) puts the backbone inside its graph.
     */
    public static BackboneGraph build(SameDiff sd, SDVariable nchw, GraphBackbone net, BackboneWeights weights,
            int height, int width, String layer, TrainingListener listener) {
        String cut = net.checkLayer(layer == null ? net.defaultFeatureLayer() : layer);
        GraphBackbone.Variant variant = weights.variant();
        if (!net.supports(variant)) {
            throw new HashingException(net.displayName() + " has no DL4J zoo weights layout; use torchvision weights (.npz)"
                    + " or random weights");
        }
        if (height < 1 || width < 1) {
            throw new HashingException("input size must be positive, got " + height + "x" + width);
        }
        SDVariable x = normalize(sd, nchw.permute(0, 2, 3, 1), weights.normalization());
        GraphBuilder b = new GraphBuilder(sd, net.name(), new SeededInitializer(weights.seed()), cut);
        net.build(b, x, height, width, variant);
        BackboneGraph g = new BackboneGraph(net, weights, sd, height, width, cut, b);
        if (weights.kind() != BackboneWeights.Kind.RANDOM) {
            WeightMapping.apply(g, weights.read(net, listener), weights);
        }
        return g;
    }

    /** {@code (x[..., order[c]] * scale - mean[c]) / std[c]} on an NHWC RGB batch, as constants in the graph. */
    private static SDVariable normalize(SameDiff sd, SDVariable nhwc, InputNormalization n) {
        Map<String, Object> m = n.toMap();
        double scale = ((Number) m.get("scale")).doubleValue();
        double[] mean = expand(m.get("mean"));
        double[] std = expand(m.get("std"));
        float[] mul = new float[3];
        float[] add = new float[3];
        for (int c = 0; c < 3; c++) {
            mul[c] = (float) (scale / std[c]);
            add[c] = (float) (-mean[c] / std[c]);
        }
        SDVariable x = Boolean.TRUE.equals(m.get("bgr")) ? sd.reverse(nhwc, 3) : nhwc;
        return x.mul(sd.constant("input/scale", Nd4j.create(mul))).add(sd.constant("input/shift", Nd4j.create(add)));
    }

    private static double[] expand(Object list) {
        double[] v = ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
        return v.length == 1 ? new double[] {v[0], v[0], v[0]} : v;
    }

    public GraphBackbone network() {
        return net;
    }

    public BackboneWeights weights() {
        return weights;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** The input placeholder (NCHW, [0,1]). */
    public SDVariable input() {
        return sd.getVariable(INPUT);
    }

    /** Name of the feature layer (the cut point the graph was built up to). */
    public String featureLayer() {
        return layer;
    }

    /** The feature layer's output: batch × d for dense and pooled layers, NHWC for convolution layers. */
    public SDVariable features() {
        return layers.get(layer);
    }

    /** The output of any built cut point (those up to the feature layer). */
    public SDVariable layer(String name) {
        SDVariable v = layers.get(name);
        if (v == null) {
            throw new HashingException("layer '" + name + "' is not in this " + net.displayName() + " graph; it has: "
                    + String.join(", ", layers.keySet()));
        }
        return v;
    }

    /** Names of the built cut points, in order. */
    public List<String> layerNames() {
        return List.copyOf(layers.keySet());
    }

    /** {height, width} of the input. */
    public int[] inputSize() {
        return new int[] {height, width};
    }

    /** What callers feed: NCHW RGB at the graph's size, [0,1]; normalisation happens inside the graph. */
    public ImageInput imageInput() {
        return new ImageInput(new int[] {3, height, width}, InputNormalization.NONE, false);
    }

    /** The normalisation applied inside the graph. */
    public InputNormalization normalization() {
        return weights.normalization();
    }

    /** Names of the backbone's trainable variables (weights and biases; batch norms are folded into them). */
    public List<String> trainableVariables() {
        return trainable;
    }

    /** Whether {@link #freeze()} is in effect. */
    public boolean frozen() {
        return frozen;
    }

    /** Turns the backbone's variables into constants: a head trained on top leaves them unchanged. */
    public void freeze() {
        if (!frozen) {
            sd.convertToConstants(vars());
            frozen = true;
        }
    }

    /** Turns them back into trainable variables. */
    public void unfreeze() {
        if (frozen) {
            sd.convertToVariables(vars());
            frozen = false;
        }
    }

    private List<SDVariable> vars() {
        List<SDVariable> l = new ArrayList<>();
        for (String n : trainable) {
            l.add(sd.getVariable(n));
        }
        return l;
    }

    /** Layers with parameters, in build order (for weight mapping). */
    List<ParamLayer> params() {
        return params;
    }

    String varName(ParamLayer p, String suffix) {
        return net.name() + "/" + p.name() + "/" + suffix;
    }

    /**
     * Activations of {@code layerName} for an NCHW batch of [0,1] images (resized to the input size
     * if needed), copied out of the graph: NHWC for convolution layers.
     */
    public INDArray activations(INDArray nchw, String layerName) {
        SDVariable out = layer(layerName);
        INDArray x = ImageBatches.adapt(nchw, new int[] {3, height, width}).castTo(DataType.FLOAT);
        SessionMemory memory = SessionMemory.install(sd);
        try {
            return sd.output(Map.of(INPUT, x), out.name()).get(out.name()).dup();
        } finally {
            memory.freeAll();
        }
    }

    /**
     * Features of the feature layer for an NCHW batch of [0,1] images: one row per image (a
     * convolution layer's map is averaged over its positions).
     */
    public float[][] extract(INDArray nchw) {
        INDArray a = activations(nchw, layer);
        if (a.rank() == 4) {
            a = a.mean(1, 2);
        }
        return a.toFloatMatrix();
    }

    /** Where the graph came from, as plain data. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "samediff");
        m.put("model", net.name());
        m.put("layer", layer);
        m.put("input_size", Arrays.asList(height, width));
        m.put("weights", weights.describe());
        return m;
    }

    @Override
    public String toString() {
        return net.displayName() + " up to " + layer + " (" + weights.id() + ")";
    }
}
