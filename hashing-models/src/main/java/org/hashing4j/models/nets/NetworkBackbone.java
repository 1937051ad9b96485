package org.hashing4j.models.nets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A whole DL4J network — a zoo model ({@code ZooBackbones}) or the user's own file
 * ({@link BackboneFiles}), pretrained or freshly initialised — used as a feature extractor or as
 * the lower part of a fine-tuned hashing network: the {@link ComputationGraph} (networks saved as
 * MultiLayerNetwork are converted with their layer names kept), where it came from, the image size
 * it takes and how its input pixels must be normalised.
 *
 * <p>Images reach a backbone as NCHW batches with values in [0,1]; {@link #prepare} adapts them
 * (channels, size), applies the {@link InputNormalization} and switches to NHWC for channels-last
 * networks, so that callers never deal with a network's conventions themselves.
 */
public final class NetworkBackbone {
    private final ComputationGraph network;
    private final String name;
    private final String id;
    private final int[] inputShape;
    private final InputNormalization normalization;
    private final boolean channelsLast;
    private final Map<String, Object> provenance;

    /**
     * @param network       the initialised network
     * @param name          short display name ("vgg16", "my-cnn.zip")
     * @param id            stable identity for caches (zoo name + weights, or file + content hash)
     * @param inputShape    {channels, height, width} the network takes, or null when it does not say
     * @param normalization what its weights expect
     * @param provenance    where it came from, as plain data
     */
    public NetworkBackbone(ComputationGraph network, String name, String id, int[] inputShape,
            InputNormalization normalization, Map<String, Object> provenance) {
        this.network = network;
        this.name = name;
        this.id = id;
        this.inputShape = inputShape == null ? null : inputShape.clone();
        this.normalization = normalization;
        this.channelsLast = detectChannelsLast(network.getConfiguration());
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    public ComputationGraph network() {
        return network;
    }

    /** Short display name. */
    public String name() {
        return name;
    }

    /** Stable identity (model and weights) used in cache keys. */
    public String id() {
        return id;
    }

    /** {channels, height, width} the network takes, or null when unknown (images are then fed as they are). */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    public InputNormalization normalization() {
        return normalization;
    }

    /** Whether the network takes NHWC input (e.g. imported from Keras with channels_last). */
    public boolean channelsLast() {
        return channelsLast;
    }

    /** The same network with another input normalisation. */
    public NetworkBackbone withNormalization(InputNormalization n) {
        return new NetworkBackbone(network, name, id, inputShape, n, provenance);
    }

    /** The same network taking another input size (for networks without size-bound dense layers). */
    public NetworkBackbone withInputShape(int[] chw) {
        if (chw == null || chw.length != 3 || chw[0] < 1 || chw[1] < 1 || chw[2] < 1) {
            throw new HashingException("input shape must be {channels, height, width}, got " + Arrays.toString(chw));
        }
        return new NetworkBackbone(network, name, id, chw, normalization, provenance);
    }

    /** Names of the network's layers and vertices in the order data flows through them (inputs excluded). */
    public List<String> layerNames() {
        ComputationGraphConfiguration conf = network.getConfiguration();
        List<String> order = new ArrayList<>();
        for (String v : topologicalOrder()) {
            if (!conf.getNetworkInputs().contains(v)) {
                order.add(v);
            }
        }
        return order;
    }

    private List<String> topologicalOrder() {
        List<String> order = network.getConfiguration().getTopologicalOrderStr();
        if (order == null) {
            // Set by ComputationGraph.init(); only absent for a network that was never initialised.
            network.init();
            order = network.getConfiguration().getTopologicalOrderStr();
        }
        return order;
    }

    /**
     * Checks that {@code layer} names a layer of this network; an unknown name is an error listing the
     * names there are. Returns the name.
     */
    public String checkLayer(String layer) {
        List<String> names = layerNames();
        if (layer == null || !names.contains(layer)) {
            throw new HashingException("backbone " + name + " has no layer '" + layer + "'; its layers are: "
                    + String.join(", ", names));
        }
        return layer;
    }

    /**
     * The layer whose activations serve as features when the user names none: the input of the last
     * layer with parameters (the classifier), e.g. VGG16's fc2, ResNet50's average pool, AlexNet's
     * second fully connected layer.
     */
    public String defaultFeatureLayer() {
        ComputationGraphConfiguration conf = network.getConfiguration();
        List<String> order = topologicalOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            String v = order.get(i);
            GraphVertex gv = conf.getVertices().get(v);
            if (gv instanceof LayerVertex && network.getVertex(v).numParams() > 0) {
                List<String> inputs = conf.getVertexInputs().get(v);
                if (inputs != null && inputs.size() == 1 && !conf.getNetworkInputs().contains(inputs.get(0))) {
                    return inputs.get(0);
                }
                break;
            }
        }
        List<String> names = layerNames();
        if (names.size() < 2) {
            throw new HashingException("backbone " + name + " has no layer below its output to take features from");
        }
        return names.get(names.size() - 2);
    }

    /**
     * Turns an NCHW batch of [0,1] pixels into the network's input: channel count and size adapted,
     * normalised, and in the network's layout.
     */
    public INDArray prepare(INDArray nchw) {
        return imageInput().prepare(nchw);
    }

    /** The backbone's input conventions on their own (what a fine-tuned model keeps). */
    public ImageInput imageInput() {
        return new ImageInput(inputShape, normalization, channelsLast);
    }

    /** Where the backbone came from and how it takes input, as plain data. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>(provenance);
        m.put("name", name);
        m.put("id", id);
        m.put("input_shape", inputShape == null ? null : Arrays.stream(inputShape).boxed().toList());
        m.put("channels_last", channelsLast);
        m.put("normalization", normalization.toMap());
        return m;
    }

    @Override
    public String toString() {
        return name + " (" + id + ")";
    }

    /**
     * The image shape a graph's configuration pins down, or null: DL4J does not store input types
     * in a ComputationGraph configuration, but a flat-input network starts with a
     * feed-forward-to-CNN preprocessor that records height, width and channels.
     */
    static int[] declaredInputShape(ComputationGraphConfiguration conf) {
        for (String in : conf.getNetworkInputs()) {
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                if (e.getValue().contains(in) && conf.getVertices().get(e.getKey()) instanceof LayerVertex) {
                    LayerVertex lv = (LayerVertex) conf.getVertices().get(e.getKey());
                    if (lv.getPreProcessor() instanceof FeedForwardToCnnPreProcessor) {
                        FeedForwardToCnnPreProcessor f = (FeedForwardToCnnPreProcessor) lv.getPreProcessor();
                        return new int[] {(int) f.getNumChannels(), (int) f.getInputHeight(), (int) f.getInputWidth()};
                    }
                }
            }
        }
        return null;
    }

    private static boolean detectChannelsLast(ComputationGraphConfiguration conf) {
        List<String> order = conf.getTopologicalOrderStr();
        Iterable<String> names = order != null ? order : conf.getVertices().keySet();
        for (String v : names) {
            GraphVertex gv = conf.getVertices().get(v);
            if (gv instanceof LayerVertex) {
                Layer l = ((LayerVertex) gv).getLayerConf().getLayer();
                if (l instanceof ConvolutionLayer) {
                    return ((ConvolutionLayer) l).getCnn2dDataFormat() == CNN2DFormat.NHWC;
                }
                if (l instanceof SubsamplingLayer) {
                    return ((SubsamplingLayer) l).getCnn2dDataFormat() == CNN2DFormat.NHWC;
                }
            }
        }
        return false;
    }
}
