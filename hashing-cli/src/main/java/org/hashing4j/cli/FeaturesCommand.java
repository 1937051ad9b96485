package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.datasets.DatasetOptions;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.BackboneFiles;
import org.hashing4j.models.nets.ComputeBackend;
import org.hashing4j.models.nets.InputNormalization;
import org.hashing4j.models.nets.features.DatasetFeatures;
import org.hashing4j.models.nets.features.FeatureCache;
import org.hashing4j.models.nets.features.FeatureExtractor;
import org.hashing4j.models.nets.features.FeaturePooling;
import org.hashing4j.models.nets.samediff.BackboneGraph;
import org.hashing4j.models.nets.samediff.BackboneWeights;
import org.hashing4j.models.nets.samediff.GraphBackbone;
import org.hashing4j.models.nets.samediff.GraphBackbones;
import org.hashing4j.models.nets.zoo.ZooBackbones;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hashing features}: runs a backbone (a SameDiff graph for the four ImageNet networks, DL4J's layer
 * API otherwise) over one set of a dataset and writes one layer's
 * activations as float32 {@code .npy}, with the labels beside them; cached so that a second run
 * reads the cache.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Runs a backbone (AlexNet, VGG16, ResNet18, ResNet50 as SameDiff graphs; SqueezeNet or your own"
                + " DL4J zip / Keras .h5 through DL4J's layer API) over one set of a dataset"
                + " and writes the activations of one layer as float32 .npy (n x d), labels beside them.",
            "Features are cached under ~/.hashing4j/cache/features (or $HASHING4J_CACHE/features) by dataset, set,"
                + " backbone and layer; a second run reads the cache.",
            "Pretrained zoo weights are downloaded once to ~/.deeplearning4j/models/; offline, the error says which"
                + " file to place there."})
public final class FeaturesCommand implements Callable<Integer> {
    @Option(names = "--backbone", paramLabel = "NAME",
            description = "Backbone: alexnet, vgg16, resnet18, resnet50 (SameDiff graphs: weights from --weights FILE.npz,"
                    + " the DL4J zoo's ImageNet zips for vgg16/resnet50, or --random-weights) or squeezenet (DL4J zoo,"
                    + " layer API).")
    String backbone;

    @Option(names = "--weights", paramLabel = "FILE.npz",
            description = "A torchvision state_dict saved as .npz, for alexnet, vgg16, resnet18 and resnet50.")
    Path weights;

    @Option(names = "--backbone-file", paramLabel = "FILE",
            description = "A DL4J model zip (MultiLayerNetwork or ComputationGraph) or a Keras .h5 model instead.")
    Path backboneFile;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "Feature layer (e.g. fc2 for VGG16); default: the input of the classifier. --list-layers shows the names.")
    String layer;

    @Option(names = "--pooling", paramLabel = "avg|max|flatten", defaultValue = "avg",
            description = "How a convolutional layer's activations become a vector (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--random-weights",
            description = "Use a randomly initialised zoo network instead of its pretrained weights (speed tests).")
    boolean randomWeights;

    @Option(names = "--normalization", paramLabel = "caffe|imagenet|none",
            description = "Input normalisation the weights expect (default: caffe for pretrained zoo weights, none for files).")
    String normalization;

    @Option(names = "--input-size", paramLabel = "N",
            description = "Side of the square network input, for backbone files that do not record it.")
    Integer inputSize;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Dataset (see 'hashing datasets').")
    String dataset;

    @Option(names = "--protocol", paramLabel = "P", description = "Split protocol (default: the dataset's first).")
    String protocol;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the protocol's random draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset is (default: the usual places).")
    Path dataDir;

    @Option(names = "--skip-missing", description = "Drop listed images that are missing or unreadable (list-file datasets).")
    boolean skipMissing;

    @Option(names = "--split", paramLabel = "train|query|database", description = "Which set of the dataset.")
    String split;

    @Option(names = "--out", paramLabel = "FILE", description = "Output .npy (float32, n x d).")
    Path out;

    @Option(names = "--labels-out", paramLabel = "FILE",
            description = "Labels .npy (default: <out without .npy>.labels.npy); class indices or a 0/1 matrix.")
    Path labelsOut;

    @Option(names = "--batch", defaultValue = "32", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--no-cache", description = "Neither read nor write the feature cache.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Feature cache folder instead of the default.")
    Path cacheDir;

    @Option(names = "--list-layers", description = "Print the backbone's layer names and exit.")
    boolean listLayers;

    @Override
    public Integer call() {
        System.out.println(ComputeBackend.describe());
        ConsoleProgress progress = ConsoleProgress.toStderr("features");
        if (backboneFile == null && GraphBackbones.has(backbone)) {
            return graph(progress);
        }
        if (weights != null) {
            throw new HashingException("--weights is for alexnet, vgg16, resnet18 and resnet50; use --backbone-file for"
                    + " other networks");
        }
        NetworkBackbone b = loadBackbone(progress);
        if (listLayers) {
            System.out.println(b.name() + " layers (default feature layer " + b.defaultFeatureLayer() + "):");
            for (String l : b.layerNames()) {
                System.out.println("  " + l);
            }
            return 0;
        }
        checkExtractionOptions();
        return extract(new FeatureExtractor(b, layer, FeaturePooling.parse(pooling)), progress);
    }

    /**
     * The four ImageNet networks run as SameDiff graphs (oneDNN), built up to the feature layer; their
     * cache entries carry {@code engine: samediff}, so the layer API's entries stay as they were.
     */
    private int graph(ConsoleProgress progress) {
        if (normalization != null) {
            throw new HashingException("--normalization is for layer-API backbones; the SameDiff " + backbone
                    + " normalises its input as its weights expect");
        }
        GraphBackbone net = GraphBackbones.create(backbone);
        BackboneWeights w;
        if (weights != null) {
            if (randomWeights) {
                throw new HashingException("give one of --weights and --random-weights");
            }
            w = BackboneWeights.torchvision(weights);
        } else if (randomWeights) {
            w = BackboneWeights.random(seed);
        } else if (net.supports(GraphBackbone.Variant.DL4J_ZOO)) {
            w = BackboneWeights.dl4jZooPretrained();
        } else {
            throw new HashingException(net.displayName() + " has no DL4J zoo weights: give --weights FILE.npz (a torchvision"
                    + " export, see README) or --random-weights");
        }
        int size = inputSize == null ? 224 : inputSize;
        if (listLayers) {
            BackboneGraph.build(net, w, size, size, null, progress); // loads the weights: offline, says which file
            System.out.println(net.name() + " layers (default feature layer " + net.defaultFeatureLayer() + "):");
            for (String l : net.layerNames()) {
                System.out.println("  " + l);
            }
            return 0;
        }
        checkExtractionOptions();
        return extract(new FeatureExtractor(BackboneGraph.build(net, w, size, size, layer, progress),
                FeaturePooling.parse(pooling)), progress);
    }

    private void checkExtractionOptions() {
        if (dataset == null || split == null || out == null) {
            throw new HashingException("features needs --dataset, --split and --out (or --list-layers)");
        }
        if (batch < 1) {
            throw new HashingException("--batch must be >= 1, got " + batch);
        }
    }

    private int extract(FeatureExtractor fx, ConsoleProgress progress) {
        RetrievalSplit data = Datasets.load(dataset, protocol, seed, dataDir, new DatasetOptions(skipMissing, null));
        System.out.println(data.summary());
        FeatureCache cache = noCache ? null : cacheDir != null ? new FeatureCache(cacheDir) : FeatureCache.atDefaultLocation();
        String dataKey = dataDir == null ? "" : "data=" + dataDir.toAbsolutePath().normalize();
        if (skipMissing) {
            dataKey += " skip-missing";
        }
        FeatureSet f = DatasetFeatures.extract(data, split, dataKey, fx, batch, cache, progress);
        Npy.writeFloat32(out, f.features());
        System.out.println("wrote " + f.size() + " x " + f.dimension() + " features (" + fx.name() + "/" + fx.layer()
                + ") to " + out);
        if (fx.lastImagesPerSecond() > 0) {
            System.out.printf(java.util.Locale.ROOT, "throughput: %.1f images/s (batch %d)%n", fx.lastImagesPerSecond(), batch);
        }
        Labels labels = f.labels();
        if (labels != null) {
            Path lp = labelsOut != null ? labelsOut : labelsBeside(out);
            labels.writeNpy(lp);
            System.out.println("wrote labels to " + lp);
        }
        return 0;
    }

    private NetworkBackbone loadBackbone(ConsoleProgress progress) {
        if ((backbone == null) == (backboneFile == null)) {
            throw new HashingException("give exactly one of --backbone NAME and --backbone-file FILE");
        }
        InputNormalization norm = normalization == null ? null : InputNormalization.preset(normalization);
        NetworkBackbone b;
        if (backboneFile != null) {
            b = BackboneFiles.load(backboneFile, norm);
        } else {
            b = ZooBackbones.load(backbone, !randomWeights, seed, progress);
            if (norm != null) {
                b = b.withNormalization(norm);
            }
        }
        if (inputSize != null) {
            int c = b.inputShape() == null ? 3 : b.inputShape()[0];
            b = b.withInputShape(new int[] {c, inputSize, inputSize});
        }
        return b;
    }

    static Path labelsBeside(Path features) {
        String name = features.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return features.resolveSibling(stem + ".labels.npy");
    }
}
