package org.hashing4j.models.methods.jmlh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.Backbones;
import org.hashing4j.models.training.DeepNetwork;
import org.hashing4j.models.ImageEncoder;
import org.hashing4j.models.encode.CollectionEncoder;
import org.hashing4j.datasets.image.ImageList;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained JMLH hash function: the backbone and the code layer of the trained network; a code
 * bit is 1 where p = sigmoid(u) &gt; 0.5 (the neuron with ε = 0.5). Encoding runs in batches and is
 * deterministic. Encoding calls are serialised (one SameDiff graph per model).
 *
 * <p>Model file entries: {@code jmlh/config.json} (bits, classes, backbone spec, image shape,
 * preprocessing, training settings, seed) and {@code jmlh/weights/<variable>.npy}, plus
 * {@code jmlh/constants/<name>.npy} for an ImageNet backbone's batch-norm statistics and input
 * normalisation. A model trained on images encodes image files ({@link ImageEncoder}).
 */
public final class JmlhModel implements ImageEncoder {
    static final String CONFIG = "jmlh/config.json";
    static final String WEIGHTS = "jmlh/weights/";
    static final String CONSTANTS = "jmlh/constants/";
    /** What the model expects of its input rows; recorded so that encode-time data can be prepared the same way. */
    static final Map<String, Object> PREPROCESSING = Map.of("type", "none",
            "expects", "the feature rows as given at training time (image pixels scaled to [0,1], flattened channel-major)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JmlhNetwork network;
    private final JmlhSettings settings;
    private final long seed;
    private final ModelProvenance provenance;

    JmlhModel(JmlhNetwork network, JmlhSettings settings, long seed, ModelProvenance provenance) {
        this.network = network;
        this.settings = settings;
        this.seed = seed;
        this.provenance = provenance;
    }

    @Override
    public int bits() {
        return network.bits();
    }

    @Override
    public int inputDimension() {
        return network.backbone().inputDimension();
    }

    @Override
    public String method() {
        return JmlhMethod.NAME;
    }

    @Override
    public ModelProvenance modelProvenance() {
        return provenance;
    }

    /** The backbone's name ("cnn" or "mlp"). */
    public String backboneName() {
        return network.backbone().name();
    }

    /** {channels, height, width} of the images this model encodes, or null for non-image features. */
    public int[] imageShape() {
        Object s = network.backbone().spec().get("image_shape");
        if (s instanceof List<?> l) {
            return l.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        }
        return null;
    }

    /** Number of classes of the classifier the codes were trained with. */
    public int numClasses() {
        return network.numClasses();
    }

    /** The training settings. */
    public JmlhSettings settings() {
        return settings;
    }

    @Override
    public synchronized BinaryCodes encode(float[][] features) {
        checkInput(features);
        if (features.length == 0) {
            return BinaryCodes.fromBooleans(new boolean[0][]);
        }
        return network.encode(features, settings.encodeBatchSize());
    }

    /** Decodes and encodes {@code images} {@code batchSize} at a time on two decoding threads (bounded memory). */
    @Override
    public BinaryCodes encode(ImageList images, int batchSize) {
        return CollectionEncoder.codes(this, images, batchSize);
    }

    @Override
    public void save(ModelArchive.Writer archive) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bits", bits());
        config.put("num_classes", network.numClasses());
        config.put("multi_label", network.multiLabel());
        config.put("lambda", network.lambda());
        config.put("seed", seed);
        config.put("backbone", network.backbone().spec());
        int[] shape = provenance.input().imageShape();
        config.put("image_shape", shape == null ? null : List.of(shape[0], shape[1], shape[2]));
        config.put("preprocessing", PREPROCESSING);
        config.put("settings", settings.toMap());
        config.put("parameters", network.parameterNames());
        DeepNetwork deep = network.network();
        if (!deep.constantNames().isEmpty()) {
            config.put("constants", deep.constantNames());
        }
        archive.putJson(CONFIG, config);
        Map<String, INDArray> params = network.parameters();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            archive.putArray(WEIGHTS + e.getKey() + ".npy", e.getValue());
        }
        for (Map.Entry<String, INDArray> e : deep.constants().entrySet()) {
            archive.putArray(CONSTANTS + e.getKey() + ".npy", e.getValue());
        }
    }

    /** Rebuilds a model from the entries {@link #save} wrote. */
    static JmlhModel load(ModelArchive.Reader archive) {
        String source = archive.source();
        JsonNode c = archive.json(CONFIG);
        int bits = c.path("bits").asInt(-1);
        int manifestBits = archive.manifest().path("bits").asInt(-1);
        if (bits < 1 || bits != manifestBits) {
            throw new HashingException(source + ": JMLH config says " + bits + " bits but the manifest says " + manifestBits);
        }
        Backbone backbone = Backbones.fromSpec(c.path("backbone"), source);
        int manifestDim = archive.manifest().path("input_dimension").asInt(-1);
        if (backbone.inputDimension() != manifestDim) {
            throw new HashingException(source + ": backbone expects " + backbone.inputDimension()
                    + " inputs but the manifest says " + manifestDim);
        }
        long seed = c.path("seed").asLong();
        JmlhSettings settings;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = JSON.convertValue(c.path("settings"), LinkedHashMap.class);
            settings = JmlhSettings.from(new MethodConfig(bits, seed, params), true);
        } catch (RuntimeException e) {
            throw new HashingException(source + ": bad JMLH settings in " + CONFIG + " (" + e.getMessage() + ")", e);
        }
        JmlhNetwork net = new JmlhNetwork(backbone, bits, c.path("num_classes").asInt(), c.path("multi_label").asBoolean(),
                c.path("lambda").asDouble(), seed);
        Map<String, INDArray> weights = new LinkedHashMap<>();
        for (String name : net.parameterNames()) {
            String entry = WEIGHTS + name + ".npy";
            weights.put(name, archive.array(entry));
        }
        net.setParameters(weights, source);
        if (c.has("constants")) {
            Map<String, INDArray> constants = new LinkedHashMap<>();
            for (JsonNode k : c.path("constants")) {
                constants.put(k.asText(), archive.array(CONSTANTS + k.asText() + ".npy"));
            }
            net.network().setConstants(constants, source);
        }
        return new JmlhModel(net, settings, seed, archive.provenance());
    }

    /** Names of the weight arrays, in graph order (for tests and tools). */
    List<String> parameterNames() {
        return new ArrayList<>(network.parameterNames());
    }

    JmlhNetwork network() {
        return network;
    }
}
