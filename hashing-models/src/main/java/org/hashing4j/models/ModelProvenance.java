package org.hashing4j.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.hashing4j.core.FeatureSet;

/**
 * How a model was made, as one typed record written to a model file's {@code model.json} and read
 * back as the same type: the method, bit length and seed, the method's effective settings, the
 * training data, what input the model expects (so that a later {@code encode} or
 * {@code search --image} preprocesses exactly as in training), the method's own diagnostics, and
 * the software it was made with.
 *
 * <p>Model files written before this record existed held an untyped map whose keys differed per
 * method ({@code config}/{@code training_set}, {@code training_config}/{@code training_data},
 * {@code settings}/{@code backend}); {@link #fromJson} reads those too.
 *
 * @param method      the registry name, e.g. "jmlh"
 * @param displayName the name reports show, e.g. "JMLH"
 * @param bits        code length
 * @param seed        the run's seed
 * @param settings    the method's effective hyper-parameters (defaults filled in)
 * @param data        the training data
 * @param input       what {@code encode} expects; {@link InputSpec#FEATURES} for plain feature rows
 * @param details     the method's own diagnostics (objective or loss history, best epoch, backbone, …)
 * @param software    versions and backend it was trained with
 */
public record ModelProvenance(String method, String displayName, int bits, long seed, Map<String, Object> settings,
        DataProvenance data, InputSpec input, Map<String, Object> details, Software software) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelProvenance {
        settings = frozen(settings);
        details = frozen(details);
        data = data == null ? DataProvenance.UNKNOWN : data;
        input = input == null ? InputSpec.FEATURES : input;
        software = software == null ? Software.UNKNOWN : software;
    }

    /**
     * The provenance of a model {@code method} trained now with {@code config} on {@code training};
     * the dataset and protocol come from {@code context} when the caller (an experiment) knows them.
     */
    public static ModelProvenance of(HashingMethod method, MethodConfig config, TrainingContext context,
            FeatureSet training, Map<String, Object> settings, Map<String, Object> details) {
        return new ModelProvenance(method.name(), method.displayName(), config.bits(), config.seed(), settings,
                DataProvenance.of(context == null ? null : context.data(), training),
                training == null ? null : InputSpec.of(training), details, Software.current());
    }

    /** A copy with other input specification. */
    public ModelProvenance withInput(InputSpec spec) {
        return new ModelProvenance(method, displayName, bits, seed, settings, data, spec, details, software);
    }

    /** A copy with other data provenance. */
    public ModelProvenance withData(DataProvenance d) {
        return new ModelProvenance(method, displayName, bits, seed, settings, d, input, details, software);
    }

    /** A copy with one more diagnostic entry. */
    public ModelProvenance withDetail(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new ModelProvenance(method, displayName, bits, seed, settings, data, input, d, software);
    }

    /** As plain data (snake_case keys), the form written to {@code model.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("display_name", displayName);
        m.put("bits", bits);
        m.put("seed", seed);
        m.put("settings", settings);
        m.put("data", data.toMap());
        m.put("input", input.toMap());
        m.put("details", details);
        m.put("software", software.toMap());
        return m;
    }

    /**
     * Reads a provenance record, of this layout or of the earlier per-method maps; {@code manifest}
     * (the rest of {@code model.json}) supplies method, bits and input dimension where an old map
     * lacks them.
     */
    public static ModelProvenance fromJson(JsonNode p, JsonNode manifest) {
        if (p == null || !p.isObject()) {
            p = JSON.createObjectNode();
        }
        String method = text(p, "method", manifest == null ? null : text(manifest, "method", null));
        int bits = p.path("bits").isNumber() ? p.path("bits").asInt()
                : p.path("config").path("bits").isNumber() ? p.path("config").path("bits").asInt()
                : manifest == null ? 0 : manifest.path("bits").asInt();
        int dimension = manifest == null ? 0 : manifest.path("input_dimension").asInt();
        if (p.has("software") || p.has("input") && p.path("input").isObject()) {
            return new ModelProvenance(method, text(p, "display_name", method), bits, p.path("seed").asLong(),
                    map(p.path("settings")), DataProvenance.fromJson(p.path("data")),
                    InputSpec.fromJson(p.path("input")), map(p.path("details")), Software.fromJson(p.path("software")));
        }
        return legacy(p, method, bits, dimension);
    }

    /** The untyped maps of version 0.1, key by key. */
    private static ModelProvenance legacy(JsonNode p, String method, int bits, int dimension) {
        Map<String, Object> all = map(p);
        long seed = p.path("seed").isNumber() ? p.path("seed").asLong()
                : p.path("config").path("seed").isNumber() ? p.path("config").path("seed").asLong()
                : p.path("settings").path("seed").asLong(); // fine-tuning kept it among its settings
        Map<String, Object> settings;
        if (p.path("settings").isObject()) {
            settings = map(p.path("settings"));          // BDNN, fine-tuning
        } else if (p.path("training_config").isObject()) {
            settings = map(p.path("training_config"));   // JMLH
        } else {
            settings = map(p.path("config").path("params")); // the shallow baselines
        }
        DataProvenance data;
        if (p.path("training_data").isObject()) {
            JsonNode td = p.path("training_data");
            data = new DataProvenance(null, null, text(td, "name", null), td.path("training_items").asInt(
                    td.path("items").asInt()), dimension, Map.of(), Map.of());
        } else {
            data = new DataProvenance(null, null, text(p, "training_set", null),
                    p.path("training_size").asInt(p.path("training_items_used").asInt()),
                    p.path("input_dimension").asInt(dimension), Map.of(), Map.of());
        }
        InputSpec input = InputSpec.FEATURES;
        if (p.path("image_shape").isArray()) {
            input = new InputSpec(ints(p.path("image_shape")), InputSpec.RESIZE_EXACT, null, null, null);
        }
        Software software = p.path("backend").isObject()
                ? new Software(null, null, text(p.path("backend"), "description", null)) : Software.UNKNOWN;
        Map<String, Object> details = new LinkedHashMap<>(all);
        for (String k : Set.of("method", "display_name", "bits", "seed", "config", "settings", "training_config",
                "training_data", "training_set", "training_size", "input_dimension", "image_shape", "backend")) {
            details.remove(k);
        }
        return new ModelProvenance(method, text(p, "display_name", method), bits, seed, settings, data, input, details,
                software);
    }

    private static String text(JsonNode n, String key, String def) {
        JsonNode v = n.path(key);
        return v.isValueNode() && !v.isNull() ? v.asText() : def;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JsonNode n) {
        return n != null && n.isObject() ? JSON.convertValue(n, LinkedHashMap.class) : new LinkedHashMap<>();
    }

    private static int[] ints(JsonNode n) {
        int[] a = new int[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asInt();
        }
        return a;
    }

    private static float[] floats(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        float[] a = new float[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) n.get(i).asDouble();
        }
        return a;
    }

    private static List<Object> list(float[] a) {
        if (a == null) {
            return null;
        }
        List<Object> l = new ArrayList<>();
        for (float v : a) {
            l.add((double) v);
        }
        return l;
    }

    private static Map<String, Object> frozen(Map<String, Object> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
    }

    /**
     * The data a model was trained on.
     *
     * @param dataset      the dataset's name ("fashion-mnist"), or null when trained outside an experiment
     * @param protocol     the split protocol ("standard"), or null
     * @param trainingSet  the training set's own name (e.g. "fashion-mnist train[random 20000]")
     * @param trainingSize items trained on
     * @param dimension    features per item
     * @param splitSizes   sizes of the split's parts ("train", "query", "database"), where known
     * @param checksums    file name → SHA-256 of the data files, where known
     */
    public record DataProvenance(String dataset, String protocol, String trainingSet, int trainingSize, int dimension,
            Map<String, Integer> splitSizes, Map<String, String> checksums) {
        /** Nothing known. */
        public static final DataProvenance UNKNOWN = new DataProvenance(null, null, null, 0, 0, Map.of(), Map.of());

        public DataProvenance {
            splitSizes = Collections.unmodifiableMap(new LinkedHashMap<>(splitSizes == null ? Map.of() : splitSizes));
            checksums = Collections.unmodifiableMap(new LinkedHashMap<>(checksums == null ? Map.of() : checksums));
        }

        /** What an experiment knows about its dataset, completed with the actual training set. */
        public static DataProvenance of(DataProvenance known, FeatureSet training) {
            DataProvenance k = known == null ? UNKNOWN : known;
            if (training == null) {
                return k;
            }
            return new DataProvenance(k.dataset, k.protocol, training.name(), training.size(), training.dimension(),
                    k.splitSizes, k.checksums);
        }

        /**
         * A one-line note when this model names a protocol whose meaning changed, else null: CIFAR-10's
         * {@code cifar10} meant a database of 59,000 (training images included) before hashing4j 0.2
         * and is now DeepHash-pytorch's 54,000 ({@code cifar10-1} is the old meaning). Recorded split
         * sizes tell the two apart; a model without them is named as possibly old.
         */
        public String renamedProtocolNote() {
            if (!"cifar10".equals(dataset) || !"cifar10".equals(protocol)) {
                return null;
            }
            Integer db = splitSizes.get("database");
            if (db != null && db != 59_000) {
                return null;
            }
            return "this model was trained on protocol cifar10 " + (db == null ? "as named before hashing4j 0.2 (if so," : "(")
                    + " a database of 59,000, which is now called cifar10-1; cifar10 now means DeepHash-pytorch's"
                    + " 54,000-image database)";
        }

        /** A copy with the training set's name and size (for methods that train on streamed images). */
        public DataProvenance withTraining(String name, int size, int dim) {
            return new DataProvenance(dataset, protocol, name, size, dim, splitSizes, checksums);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", dataset);
            m.put("protocol", protocol);
            m.put("training_set", trainingSet);
            m.put("training_size", trainingSize);
            m.put("dimension", dimension);
            m.put("split_sizes", splitSizes);
            m.put("checksums", checksums);
            return m;
        }

        static DataProvenance fromJson(JsonNode n) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("split_sizes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sizes.put(e.getKey(), e.getValue().asInt());
            }
            Map<String, String> sums = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("checksums").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sums.put(e.getKey(), e.getValue().asText());
            }
            return new DataProvenance(text(n, "dataset", null), text(n, "protocol", null), text(n, "training_set", null),
                    n.path("training_size").asInt(), n.path("dimension").asInt(), sizes, sums);
        }
    }

    /**
     * What a model's {@code encode} takes, so that image queries are preprocessed exactly as the
     * training images were: the image shape (channels × height × width, pixels in [0, 1], channels
     * first, RGB order for colour), how an image of another size is brought to it, and the per-channel
     * normalisation the caller applies ({@code (x − mean) / std}) — null when the model normalises
     * inside or takes raw [0, 1] pixels. {@code normalisedInside} names the normalisation a network
     * applies itself ("caffe", "imagenet"), for the record.
     *
     * @param imageShape       {c, h, w}, or null for feature rows that are not images
     * @param resize           {@link #RESIZE_EXACT} or {@link #RESIZE_SHORTER_SIDE_CENTRE_CROP}
     * @param mean             per-channel mean the caller subtracts, or null
     * @param std              per-channel standard deviation the caller divides by, or null
     * @param normalisedInside normalisation the model applies itself, or null
     */
    public record InputSpec(int[] imageShape, String resize, float[] mean, float[] std, String normalisedInside) {
        /** Whole images resized to the shape (bilinear): the small-image datasets. */
        public static final String RESIZE_EXACT = "exact";
        /** Shorter side resized, then the centre cropped: the backbones' evaluation transform. */
        public static final String RESIZE_SHORTER_SIDE_CENTRE_CROP = "shorter-side-centre-crop";
        /**
         * Images up to this many pixels high and wide are fed whole (resized exactly), as the
         * small-image datasets train; larger, network-sized inputs get the evaluation transform.
         */
        public static final int SMALL_IMAGE = 64;
        /** Plain feature rows. */
        public static final InputSpec FEATURES = new InputSpec(null, null, null, null, null);

        /** Images of the training set's shape, resized exactly; plain features when it has no image shape. */
        public static InputSpec of(FeatureSet training) {
            int[] s = training.imageShape();
            return s == null ? FEATURES : new InputSpec(s.clone(), RESIZE_EXACT, null, null, null);
        }

        /**
         * How images are prepared for {@code model}, or null when it does not take images. A
         * {@link TrainedModel} says so in its provenance; for model files of version 0.1 and plain
         * {@link org.hashing4j.core.HashFunction}s from library users the shape comes from a provenance
         * entry {@code image_shape} ({@code [c, h, w]} or {@code [h, w]}) or from the input dimension
         * when that is a square (grey s×s) or three squares (RGB s×s), and images of at most
         * {@link #SMALL_IMAGE} pixels are resized exactly, larger ones resized and centre-cropped.
         * A recorded shape that does not fit the input dimension is an error.
         */
        public static InputSpec forModel(org.hashing4j.core.HashFunction model) {
            int d = model.inputDimension();
            if (model instanceof TrainedModel t && t.modelProvenance() != null && t.modelProvenance().input().isImage()) {
                return checked(t.modelProvenance().input(), d, "input.image_shape");
            }
            Object recorded = model.provenance() == null ? null : model.provenance().get("image_shape");
            if (recorded != null) {
                int[] s = ints(JSON.valueToTree(recorded));
                return checked(byShape(s.length == 2 ? new int[] {1, s[0], s[1]} : s), d, "image_shape");
            }
            int side = (int) Math.round(Math.sqrt(d));
            if (side * side == d) {
                return byShape(new int[] {1, side, side});
            }
            int rgb = (int) Math.round(Math.sqrt(d / 3.0));
            if (3 * rgb * rgb == d) {
                return byShape(new int[] {3, rgb, rgb});
            }
            return null;
        }

        private static InputSpec checked(InputSpec s, int d, String key) {
            int[] shape = s.imageShape;
            if (shape.length != 3 || (long) shape[0] * shape[1] * shape[2] != d || (shape[0] != 1 && shape[0] != 3)) {
                throw new org.hashing4j.core.HashingException("model provenance " + key + " "
                        + java.util.Arrays.toString(shape) + " does not fit its input of " + d
                        + " values (expected [c, h, w] with c 1 or 3)");
            }
            return s;
        }

        /** The rule of models that record only a shape: small inputs whole, network-sized ones cropped. */
        private static InputSpec byShape(int[] shape) {
            return new InputSpec(shape, shape.length == 3 && Math.max(shape[1], shape[2]) <= SMALL_IMAGE
                    ? RESIZE_EXACT : RESIZE_SHORTER_SIDE_CENTRE_CROP, null, null, null);
        }

        /** Whether the model takes images (rather than feature vectors). */
        public boolean isImage() {
            return imageShape != null;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", isImage() ? "image" : "features");
            if (isImage()) {
                m.put("image_shape", List.of(imageShape[0], imageShape[1], imageShape[2]));
                m.put("layout", "chw");
                m.put("channel_order", imageShape[0] == 3 ? "rgb" : "grey");
                m.put("pixel_range", List.of(0, 1));
                m.put("resize", resize);
                m.put("mean", list(mean));
                m.put("std", list(std));
                m.put("normalised_inside", normalisedInside);
            }
            return m;
        }

        static InputSpec fromJson(JsonNode n) {
            if (!n.path("image_shape").isArray()) {
                return FEATURES;
            }
            return new InputSpec(ints(n.path("image_shape")), text(n, "resize", RESIZE_EXACT), floats(n.path("mean")),
                    floats(n.path("std")), text(n, "normalised_inside", null));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InputSpec s && java.util.Arrays.equals(imageShape, s.imageShape)
                    && java.util.Objects.equals(resize, s.resize) && java.util.Arrays.equals(mean, s.mean)
                    && java.util.Arrays.equals(std, s.std) && java.util.Objects.equals(normalisedInside, s.normalisedInside);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(java.util.Arrays.hashCode(imageShape), resize, java.util.Arrays.hashCode(mean),
                    java.util.Arrays.hashCode(std), normalisedInside);
        }

        @Override
        public String toString() {
            return toMap().toString();
        }
    }

    /**
     * The software a model was trained with.
     *
     * @param version     hashing4j's version
     * @param dl4jVersion Deeplearning4j / ND4J version
     * @param backend     the ND4J backend, e.g. "ND4J CPU backend (OPENBLAS, oneDNN, 2 threads), data type FLOAT"
     */
    public record Software(String version, String dl4jVersion, String backend) {
        /** Nothing known (model files of version 0.1 mostly). */
        public static final Software UNKNOWN = new Software(null, null, null);
        private static Software current;

        /** This program's versions and backend (computed once). */
        public static synchronized Software current() {
            if (current == null) {
                current = new Software(version("/org/hashing4j/models/version.properties", "version"),
                        version("/META-INF/maven/org.nd4j/nd4j-api/pom.properties", "version"),
                        org.hashing4j.models.nets.ComputeBackend.describe());
            }
            return current;
        }

        private static String version(String resource, String key) {
            try (InputStream in = ModelProvenance.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return null;
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty(key);
            } catch (IOException e) {
                return null;
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hashing4j", version);
            m.put("dl4j", dl4jVersion);
            m.put("backend", backend);
            return m;
        }

        static Software fromJson(JsonNode n) {
            return new Software(text(n, "hashing4j", null), text(n, "dl4j", null), text(n, "backend", null));
        }
    }
}
