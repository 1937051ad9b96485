package org.hashing4j.models.nets.samediff;

import java.util.List;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * An ImageNet backbone that builds itself as a SameDiff graph, one class per network as in DL4J's
 * zoo: {@link AlexNetGraph}, {@link Vgg16Graph}, {@link ResNet18Graph}, {@link ResNet50Graph}.
 * {@link BackboneGraph#build} turns one into a graph with weights; this class only knows the
 * architecture: its layers, their names in torchvision and in the DL4J zoo, and its cut points.
 */
public abstract class GraphBackbone {
    /** Which architecture a set of weights belongs to (they differ for ResNet50 only). */
    public enum Variant {
        /** torchvision's layer layout (also used for random initialisation). */
        TORCHVISION,
        /** the DL4J zoo's layout, for its pretrained zips (converted from Keras). */
        DL4J_ZOO
    }

    /** Name users type ("resnet50"). */
    public abstract String name();

    /** Display name ("ResNet50"). */
    public abstract String displayName();

    /** Cut points in the order data flows through them. */
    public abstract List<String> layerNames();

    /** The layer whose output serves as features when none is named: the classifier's input. */
    public abstract String defaultFeatureLayer();

    /** Whether {@code variant}'s layout exists for this network. */
    public boolean supports(Variant variant) {
        return variant == Variant.TORCHVISION;
    }

    /** The torchvision weights file this network's ImageNet weights come in (for messages). */
    public abstract String torchvisionFile();

    /**
     * Adds the layers up to {@code b}'s cut to the graph.
     *
     * @param x      the normalised NHWC input
     * @param height input height
     * @param width  input width
     */
    abstract void build(GraphBuilder b, SDVariable x, int height, int width, Variant variant);

    /** Checks {@code layer} names a cut point; an unknown name is an error listing them. */
    public String checkLayer(String layer) {
        if (layer == null || !layerNames().contains(layer)) {
            throw new HashingException("backbone " + name() + " has no layer '" + layer + "'; its layers are: "
                    + String.join(", ", layerNames()));
        }
        return layer;
    }

    /** Output size of a convolution or pooling along one axis (floor mode, as torchvision and DL4J's Truncate). */
    static int outSize(int in, int k, int stride, int pad) {
        int out = (in + 2 * pad - k) / stride + 1;
        if (in + 2 * pad < k || out < 1) {
            throw new HashingException("input too small: a " + k + "x" + k + " window (stride " + stride + ", padding "
                    + pad + ") does not fit " + in + " pixels; use a larger --input-size");
        }
        return out;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
