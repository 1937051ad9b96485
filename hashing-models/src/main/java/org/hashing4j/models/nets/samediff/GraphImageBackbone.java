package org.hashing4j.models.nets.samediff;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.SeededInitializer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.ImageResizeMethod;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ImageNet backbone ({@link AlexNetGraph}, {@link Vgg16Graph}, {@link ResNet18Graph},
 * {@link ResNet50Graph}) as the {@link Backbone} of a deep hashing network, so that every deep method
 * trains on photographs through the one deep trainer: its layers go into the hashing network's own
 * SameDiff graph ({@link BackboneGraph#build(SameDiff, SDVariable, GraphBackbone, BackboneWeights, int, int, String,
 * org.hashing4j.models.TrainingListener)}), up to the cut point {@code layer}.
 *
 * <p>Input rows are flattened c × h × w images in [0,1] ({@code sourceShape}, as image feature sets
 * and the image pipeline give them). Inside the graph, grey images are repeated to three channels and
 * resized (bilinear) to {@code inputSize} × {@code inputSize} when they come at another size, then the
 * backbone normalises them as its weights expect. A convolutional cut point's map is averaged over its
 * positions, so the head always sees batch × channels features.
 *
 * <p>Batch norm (the ResNets) runs in inference mode with its running statistics during training
 * too: it is folded into the convolution before it once, when the weights are loaded, and the folded
 * kernels and biases are what trains ({@link GraphBuilder}). The graph's constants (the input
 * normalisation) are saved with the model's weights.
 */
public final class GraphImageBackbone implements Backbone {
    /** {@code backbone_weights} value for seeded random initialisation. */
    public static final String RANDOM = "random";

    private final GraphBackbone net;
    private final BackboneWeights weights;
    private final int[] sourceShape;
    private final int inputSize;
    private final String layer;

    /**
     * @param net         the architecture
     * @param weights     where the initial weights come from
     * @param sourceShape {c, h, w} of the input rows (c 1 or 3)
     * @param inputSize   side of the square network input
     * @param layer       cut point, or null for the network's default (the classifier's input)
     */
    public GraphImageBackbone(GraphBackbone net, BackboneWeights weights, int[] sourceShape, int inputSize, String layer) {
        if (sourceShape == null || sourceShape.length != 3 || (sourceShape[0] != 1 && sourceShape[0] != 3)
                || sourceShape[1] < 1 || sourceShape[2] < 1) {
            throw new HashingException("backbone " + net.name() + " needs grey or RGB images; this data has "
                    + (sourceShape == null ? "no image shape (it holds features: use backbone mlp or features)"
                            : "image shape " + java.util.Arrays.toString(sourceShape)));
        }
        if (inputSize < 1) {
            throw new HashingException("input_size must be >= 1, got " + inputSize);
        }
        if (weights.kind() == BackboneWeights.Kind.DL4J_ZOO) {
            throw new HashingException("DL4J zoo weights are not supported by the deep methods (see #weights)");
        }
        this.net = net;
        this.weights = weights;
        this.sourceShape = sourceShape.clone();
        this.inputSize = inputSize;
        this.layer = net.checkLayer(layer == null ? net.defaultFeatureLayer() : layer);
    }

    /**
     * The backbone a user's settings name.
     *
     * @param name           alexnet, vgg16, resnet18 or resnet50
     * @param backboneWeights {@value #RANDOM} (seeded He initialisation) or the path of a torchvision {@code .npz}
     * @param seed           seed of random weights
     */
    public static GraphImageBackbone create(String name, String backboneWeights, long seed, int[] sourceShape,
            int inputSize, String layer) {
        return new GraphImageBackbone(GraphBackbones.create(name), weights(backboneWeights, seed), sourceShape,
                inputSize, layer);
    }

    /**
     * Parses {@code backbone_weights}: {@value #RANDOM}, or a file ({@code .npz}: torchvision); a missing
     * file or another kind is a one-line error naming it.
     */
    public static BackboneWeights weights(String value, long seed) {
        String v = value == null ? RANDOM : value.trim();
        if (v.equalsIgnoreCase(RANDOM)) {
            return BackboneWeights.random(seed);
        }
        Path p = Path.of(v);
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            // A saved model is rebuilt from its spec without the weights file; the zoo's layout (Caffe
            // input, ResNet50's other block structure) could not be rebuilt that way.
            throw new HashingException("backbone_weights " + v + ": DL4J zoo zips are not supported by the deep methods;"
                    + " export torchvision weights as .npz or use backbone_weights=random (the finetune method reads zoo zips)");
        }
        if (!lower.endsWith(".npz")) {
            throw new HashingException("backbone_weights must be 'random' or a torchvision state_dict saved as .npz, got '"
                    + value + "'");
        }
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new HashingException("backbone_weights: " + p + ": no such file");
        }
        return BackboneWeights.torchvision(p);
    }

    @Override
    public String name() {
        return net.name();
    }

    @Override
    public int inputDimension() {
        return sourceShape[0] * sourceShape[1] * sourceShape[2];
    }

    /** {c, h, w} of the input rows. */
    public int[] sourceShape() {
        return sourceShape.clone();
    }

    /** Side of the square network input. */
    public int inputSize() {
        return inputSize;
    }

    /** The cut point. */
    public String layer() {
        return layer;
    }

    public BackboneWeights weights() {
        return weights;
    }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", net.name());
        m.put("input_dimension", inputDimension());
        m.put("image_shape", List.of(sourceShape[0], sourceShape[1], sourceShape[2]));
        m.put("input_size", inputSize);
        m.put("layer", layer);
        // Where the starting weights came from (provenance); a saved model carries its own weights.
        m.put("initial_weights", weights.id());
        return m;
    }

    /**
     * Rebuilds the backbone a model file's spec describes, with seeded random values: the model's saved
     * weights and constants (the input normalisation) are then set over them, so the weights file the
     * model started from is not needed.
     */
    public static GraphImageBackbone fromSpec(JsonNode spec, long seed) {
        JsonNode s = spec.path("image_shape");
        if (!s.isArray() || s.size() != 3) {
            throw new HashingException(spec.path("name").asText() + " backbone spec has no image_shape");
        }
        int[] shape = {s.get(0).asInt(), s.get(1).asInt(), s.get(2).asInt()};
        String cut = spec.path("layer").isTextual() ? spec.path("layer").asText() : null;
        GraphImageBackbone b = new GraphImageBackbone(GraphBackbones.create(spec.path("name").asText()),
                BackboneWeights.random(seed), shape, spec.path("input_size").asInt(-1), cut);
        if (b.inputDimension() != spec.path("input_dimension").asInt(-1)) {
            throw new HashingException(b.name() + " backbone spec: image shape does not match input dimension "
                    + spec.path("input_dimension").asInt(-1));
        }
        return b;
    }

    /** {@inheritDoc} The backbone's own weights come from {@link BackboneWeights}, not from {@code init}. */
    @Override
    public Features build(SameDiff sd, SDVariable input, SeededInitializer init) {
        int c = sourceShape[0];
        int h = sourceShape[1];
        int w = sourceShape[2];
        SDVariable x = input.reshape(-1, c, h, w);
        if (c == 1) {
            x = sd.concat(1, x, x, x);
        }
        if (h != inputSize || w != inputSize) {
            // Bilinear with half-pixel centres (as ImageBatches.resize); no gradient flows into the input.
            SDVariable nhwc = x.permute(0, 2, 3, 1);
            SDVariable resized = sd.image.imageResize(nhwc, sd.constant(Nd4j.createFromArray(inputSize, inputSize)),
                    false, false, ImageResizeMethod.ResizeBilinear);
            x = resized.permute(0, 3, 1, 2);
        }
        BackboneGraph g = BackboneGraph.build(sd, x, net, weights, inputSize, inputSize, layer, null);
        SDVariable f = g.features();
        long[] shape = probe(sd, input, f);
        if (shape.length == 4) {
            f = f.mean(1, 2);
            return new Features(f, (int) shape[3]);
        }
        return new Features(f, (int) shape[1]);
    }

    /** The feature layer's output shape for one blank image: the graph's layers know their sizes only when run. */
    private long[] probe(SameDiff sd, SDVariable input, SDVariable features) {
        try (INDArray blank = Nd4j.zeros(DataType.FLOAT, 1, inputDimension())) {
            INDArray out = sd.output(Map.of(input.name(), blank), features.name()).get(features.name());
            return out.shape();
        }
    }

    @Override
    public String toString() {
        return net.displayName() + " up to " + layer + " at " + inputSize + "x" + inputSize + " (" + weights.id() + ")";
    }
}
