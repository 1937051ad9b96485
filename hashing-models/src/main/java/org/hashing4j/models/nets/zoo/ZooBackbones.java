package org.hashing4j.models.nets.zoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.BackboneFiles;
import org.hashing4j.models.nets.InputNormalization;

/**
 * The DL4J zoo networks hashing4j offers as backbones: VGG16, ResNet50 and SqueezeNet with their
 * ImageNet weights, and AlexNet's architecture (the zoo has no AlexNet weights). Pretrained weights
 * go through the zoo's download-and-cache path ({@link PretrainedWeights}); without them a network
 * starts from random weights, which is only good for training from scratch and for speed tests.
 */
public final class ZooBackbones {
    /** Names users type, in the order help texts list them. */
    public static final List<String> NAMES = List.of("vgg16", "resnet50", "squeezenet", "alexnet");

    private ZooBackbones() {
    }

    /** Whether the zoo has ImageNet weights for {@code name}. */
    public static boolean hasPretrained(String name) {
        return zooModel(name, 1000, 0).pretrainedAvailable(PretrainedType.IMAGENET);
    }

    /** The pretrained weights file of {@code name} (where it is cached, its URL and checksum). */
    public static PretrainedWeights weights(String name) {
        String n = normalise(name);
        ZooModel<?> m = zooModel(n, 1000, 0);
        if (!m.pretrainedAvailable(PretrainedType.IMAGENET)) {
            throw new HashingException(n + " has no pretrained ImageNet weights in the DL4J zoo; use it with pretrained=false"
                    + " (random initialisation) or bring weights with --backbone-file");
        }
        return new PretrainedWeights(m, PretrainedType.IMAGENET, displayName(n));
    }

    /**
     * Loads backbone {@code name}: with its ImageNet weights when {@code pretrained} (downloaded and
     * cached on first use; offline, a one-line error naming the file to place), else randomly
     * initialised with {@code seed} (1000 ImageNet classes on top, as in the zoo).
     */
    public static NetworkBackbone load(String name, boolean pretrained, long seed, TrainingListener listener) {
        String n = normalise(name);
        ZooModel<?> zoo = zooModel(n, 1000, seed);
        int[] shape = zoo.metaData().getInputShape()[0];
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("kind", "zoo");
        prov.put("model", n);
        Model model;
        String weights;
        InputNormalization norm;
        if (pretrained) {
            PretrainedWeights w = weights(n);
            model = w.load(listener == null ? TrainingListener.NONE : listener);
            weights = "imagenet";
            prov.put("weights_file", w.cacheFile().toString());
            prov.put("weights_url", w.url());
            prov.put("adler32", w.checksum());
            // The zoo's ImageNet weights were converted from Keras models trained on "caffe"-style input.
            norm = InputNormalization.CAFFE;
        } else {
            model = zoo.init();
            weights = "random(seed=" + seed + ")";
            norm = InputNormalization.IMAGENET;
        }
        prov.put("weights", weights);
        ComputationGraph graph = model instanceof MultiLayerNetwork
                ? BackboneFiles.toNamedGraph((MultiLayerNetwork) model) : (ComputationGraph) model;
        return new NetworkBackbone(graph, n, "zoo:" + n + "/" + weights, shape, norm, prov);
    }

    /** Display name ("VGG16"). */
    public static String displayName(String name) {
        switch (normalise(name)) {
            case "vgg16":
                return "VGG16";
            case "resnet50":
                return "ResNet50";
            case "squeezenet":
                return "SqueezeNet";
            default:
                return "AlexNet";
        }
    }

    private static String normalise(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("-", "");
        if (!NAMES.contains(n)) {
            throw new HashingException("unknown backbone '" + name + "'; known: " + String.join(", ", NAMES)
                    + " (or --backbone-file FILE for a DL4J zip or Keras .h5)");
        }
        return n;
    }

    private static ZooModel<?> zooModel(String name, int classes, long seed) {
        switch (normalise(name)) {
            case "vgg16":
                return VGG16.builder().numClasses(classes).seed(seed).build();
            case "resnet50":
                // The zoo's default initialisation (truncated normal, std 0.5) makes a fresh ResNet50's activations
                // overflow to infinity in inference mode (its batch-norm statistics are still 0 and 1); He
                // initialisation keeps them finite. Pretrained weights replace it either way.
                return ResNet50.builder().numClasses(classes).seed(seed).weightInit(new WeightInitRelu()).build();
            case "squeezenet":
                return SqueezeNet.builder().numClasses(classes).seed(seed).build();
            default:
                return AlexNet.builder().numClasses(classes).seed(seed).build();
        }
    }
}
