package org.hashing4j.models.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.models.ImageEncoder;
import org.hashing4j.models.encode.CollectionEncoder;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.Backbones;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained deep hashing network of any {@link DeepHashingMethod}: encodes by the head's
 * {@link DeepObjective.Encoding} (e.g. sign of the hash layer), in batches, deterministically.
 * Encoding calls are serialised (one SameDiff graph per model).
 *
 * <p>Model file entries: {@code deep/config.json} (method, bits, seed, the method's parameters as
 * given, backbone spec, classes, parameter and state names) and {@code deep/weights/<variable>.npy},
 * {@code deep/state/<name>.npy} (the method's state: centres, codebooks, database codes). Loading
 * rebuilds the graph through the method and sets the arrays, so a loaded model gives identical codes.
 * An ImageNet backbone's constants (batch-norm statistics, input normalisation) are saved under
 * {@code deep/constants/<name>.npy}, so the weights file it started from is not needed to load it.
 *
 * <p>A model trained on images encodes image files ({@link ImageEncoder}), prepared as its input
 * specification says through {@link CollectionEncoder} and {@link org.hashing4j.models.encode.ImageInputs};
 * a model trained on feature rows refuses with a one-line error.
 */
public final class DeepModel implements ImageEncoder {
    static final String CONFIG = "deep/config.json";
    static final String WEIGHTS = "deep/weights/";
    static final String STATE = "deep/state/";
    static final String CONSTANTS = "deep/constants/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeepHashingMethod method;
    private final DeepNetwork network;
    private final DeepSettings settings;
    private final MethodConfig config;
    private final ModelProvenance provenance;

    public DeepModel(DeepHashingMethod method, DeepNetwork network, DeepSettings settings, MethodConfig config,
            ModelProvenance provenance) {
        this.method = method;
        this.network = network;
        this.settings = settings;
        this.config = config;
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
        return method.name();
    }

    @Override
    public ModelProvenance modelProvenance() {
        return provenance;
    }

    /** The trained network (graph, weights, the method's objective and state). */
    public DeepNetwork network() {
        return network;
    }

    public DeepSettings settings() {
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
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("method", method.name());
        c.put("bits", bits());
        c.put("seed", config.seed());
        c.put("params", config.params());
        c.put("num_classes", network.numClasses());
        c.put("multi_label", network.multiLabel());
        c.put("backbone", network.backbone().spec());
        c.put("parameters", network.parameterNames());
        if (!network.constantNames().isEmpty()) {
            c.put("constants", network.constantNames());
        }
        Map<String, INDArray> state = network.objective().modelState();
        c.put("state", new ArrayList<>(state.keySet()));
        archive.putJson(CONFIG, c);
        for (Map.Entry<String, INDArray> e : network.parameters().entrySet()) {
            archive.putArray(WEIGHTS + e.getKey() + ".npy", e.getValue());
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            archive.putArray(STATE + e.getKey() + ".npy", e.getValue());
        }
        for (Map.Entry<String, INDArray> e : network.constants().entrySet()) {
            archive.putArray(CONSTANTS + e.getKey() + ".npy", e.getValue());
        }
    }

    /** Rebuilds a model {@link #save} wrote, through {@code method}. */
    static DeepModel load(DeepHashingMethod method, ModelArchive.Reader archive) {
        String source = archive.source();
        JsonNode c = archive.json(CONFIG);
        int bits = c.path("bits").asInt(-1);
        int manifestBits = archive.manifest().path("bits").asInt(-1);
        if (bits < 1 || bits != manifestBits) {
            throw new HashingException(source + ": " + CONFIG + " says " + bits + " bits but the manifest says " + manifestBits);
        }
        if (!method.name().equals(c.path("method").asText())) {
            throw new HashingException(source + ": model of method '" + c.path("method").asText() + "', not " + method.name());
        }
        Backbone backbone = Backbones.fromSpec(c.path("backbone"), source);
        int manifestDim = archive.manifest().path("input_dimension").asInt(-1);
        if (backbone.inputDimension() != manifestDim) {
            throw new HashingException(source + ": backbone expects " + backbone.inputDimension()
                    + " inputs but the manifest says " + manifestDim);
        }
        long seed = c.path("seed").asLong();
        MethodConfig config;
        DeepSettings settings;
        DeepObjective objective;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = JSON.convertValue(c.path("params"), LinkedHashMap.class);
            config = new MethodConfig(bits, seed, params);
            settings = method.settings(config, backbone.spec().containsKey("image_shape"));
            objective = method.objective(config);
        } catch (RuntimeException e) {
            throw new HashingException(source + ": bad settings in " + CONFIG + " (" + e.getMessage() + ")", e);
        }
        DeepNetwork net = new DeepNetwork(backbone, objective, bits, c.path("num_classes").asInt(),
                c.path("multi_label").asBoolean(), seed);
        Map<String, INDArray> weights = new LinkedHashMap<>();
        for (String name : net.parameterNames()) {
            weights.put(name, archive.array(WEIGHTS + name + ".npy"));
        }
        net.setParameters(weights, source);
        if (c.has("constants")) {
            Map<String, INDArray> constants = new LinkedHashMap<>();
            for (JsonNode k : c.path("constants")) {
                constants.put(k.asText(), archive.array(CONSTANTS + k.asText() + ".npy"));
            }
            net.setConstants(constants, source);
        }
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (JsonNode s : c.path("state")) {
            state.put(s.asText(), archive.array(STATE + s.asText() + ".npy"));
        }
        objective.restoreState(state, source);
        return new DeepModel(method, net, settings, config, archive.provenance());
    }

    /** Names of the weight arrays, in graph order (for tests and tools). */
    List<String> parameterNames() {
        return new ArrayList<>(network.parameterNames());
    }
}
