package org.hashing4j.models.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodParameter;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.Backbones;
import org.hashing4j.models.nets.IdentityBackbone;
import org.hashing4j.models.nets.MlpBackbone;
import org.hashing4j.models.nets.SmallCnnBackbone;
import org.hashing4j.models.nets.samediff.GraphBackbones;
import org.hashing4j.models.nets.samediff.GraphImageBackbone;

/**
 * The training settings every deep method shares, read from a {@link MethodConfig} (snake_case
 * names below) with the method's own defaults ({@link Defaults}, taken from its paper and recorded
 * in {@code METHODS-DEEP.md}); a parameter a method does not set falls back to the defaults listed.
 *
 * @param epochs          {@code epochs}: passes over the training data (default: the method's, 10 unless it says otherwise)
 * @param batchSize       {@code batch_size}: mini-batch size (method default)
 * @param learningRate    {@code learning_rate}: the head's learning rate (method default)
 * @param optimizer       {@code optimizer}: {@code sgd} (with {@code momentum}, {@code nesterov}), {@code adam}, or
 *                        {@code adamw} (Adam with decoupled weight decay); method default
 * @param momentum        {@code momentum}: SGD momentum (default 0.9; 0 gives plain SGD)
 * @param nesterov        {@code nesterov}: Nesterov momentum for SGD (default false)
 * @param weightDecay     {@code weight_decay}: L2 added to the gradient for sgd/adam, decoupled for adamw (method default)
 * @param schedule        {@code lr_schedule}: {@code constant}, {@code step} or {@code cosine} (method default)
 * @param stepEpochs      {@code lr_step}: epochs between step decays; 0 (default) means one decay at 80% of the epochs
 * @param gamma           {@code lr_gamma}: factor of each step decay (default 0.1)
 * @param warmupEpochs    {@code warmup_epochs}: linear warm-up from 0 over this many epochs, counted in batches (default 0)
 * @param backboneLrScale {@code backbone_lr_scale}: the backbone's learning rate as a fraction of the head's; 0 freezes it
 *                        (method default; 1 trains everything at one rate)
 * @param backbone        {@code backbone}: {@code cnn} (default for images), {@code mlp} (default otherwise),
 *                        {@code features} (the input rows are features, e.g. cached {@code .npy} features), or an
 *                        ImageNet network built as a SameDiff graph: {@code alexnet}, {@code vgg16}, {@code resnet18},
 *                        {@code resnet50} ({@link GraphImageBackbone}; batch norm stays in inference mode)
 * @param hidden          {@code hidden}: MLP hidden sizes (default 1024,512)
 * @param layout          {@code layout}: CNN tensor layout, nhwc (default) or nchw
 * @param validationSize  {@code validation_size}: items held out for validation mAP and keep-best (default 0: none)
 * @param encodeBatchSize {@code encode_batch_size}: rows per forward pass when encoding (default 1000)
 * @param backboneWeights {@code backbone_weights}: an ImageNet backbone's starting weights: {@code random} (default,
 *                        seeded by the run's seed) or the path of a torchvision {@code state_dict} saved as {@code .npz}
 * @param inputSize       {@code input_size}: side of an ImageNet backbone's square input; 0 (default) means the
 *                        images' own size in memory and 224 for images streamed from files
 * @param layer           {@code layer}: an ImageNet backbone's cut point ({@code avgpool}, {@code layer3}, {@code fc7},
 *                        ...); default the network's classifier input
 * @param decodeThreads   {@code decode_threads}: threads decoding image files when training on streamed images (default 2)
 * @param augment         {@code augment}: random resized crop (torchvision's RandomResizedCrop: 8–100% of
 *                        the area, aspect ratio 3/4–4/3) and horizontal flip of streamed training images (default true)
 */
public record DeepSettings(int epochs, int batchSize, double learningRate, String optimizer, double momentum,
        boolean nesterov, double weightDecay, String schedule, int stepEpochs, double gamma, double warmupEpochs,
        double backboneLrScale, String backbone, int[] hidden, SmallCnnBackbone.Layout layout, int validationSize,
        int encodeBatchSize, String backboneWeights, int inputSize, String layer, int decodeThreads, boolean augment) {

    private static final MethodParameter<Double> MOMENTUM = MethodParameter.real("momentum", 0.9,
            "SGD momentum (0: plain SGD)");
    private static final MethodParameter<Boolean> NESTEROV = MethodParameter.flag("nesterov", false,
            "Nesterov momentum for SGD");
    private static final MethodParameter<Integer> LR_STEP = MethodParameter.integer("lr_step", 0,
            "epochs between step decays (0: one decay at 80% of the epochs)");
    private static final MethodParameter<Double> LR_GAMMA = MethodParameter.real("lr_gamma", 0.1,
            "factor of each step decay");
    private static final MethodParameter<Double> WARMUP_EPOCHS = MethodParameter.real("warmup_epochs", 0,
            "linear warm-up from 0 over this many epochs, counted in batches");
    // The default backbone depends on the data (images or rows); read() is given it explicitly.
    private static final MethodParameter<String> BACKBONE = MethodParameter.text("backbone", MlpBackbone.NAME,
            "cnn, mlp, features (the rows are features, e.g. cached .npy), or alexnet, vgg16, resnet18, resnet50")
            .shownAs(SmallCnnBackbone.NAME + " for images, else " + MlpBackbone.NAME);
    private static final MethodParameter<String> HIDDEN = MethodParameter.text("hidden",
            MethodParameter.sizes(MlpBackbone.DEFAULT_HIDDEN), "MLP hidden layer sizes");
    // Read through Layout.parse, which refuses other values with its own message.
    private static final MethodParameter<String> LAYOUT = MethodParameter.text("layout", "nhwc",
            "CNN tensor layout: nhwc or nchw");
    private static final MethodParameter<Integer> VALIDATION_SIZE = MethodParameter.integer("validation_size", 0,
            "items held out for validation mAP and keeping the best epoch's weights (0: none)");
    private static final MethodParameter<Integer> ENCODE_BATCH_SIZE = MethodParameter.integer("encode_batch_size",
            1000, "rows per forward pass when encoding");
    private static final MethodParameter<String> BACKBONE_WEIGHTS = MethodParameter.text("backbone_weights",
            GraphImageBackbone.RANDOM, "ImageNet backbone's starting weights: random (seeded) or a torchvision .npz");
    private static final MethodParameter<Integer> INPUT_SIZE = MethodParameter.integer("input_size", 0,
            "side of an ImageNet backbone's square input (0: the images' own size, 224 for streamed files)");
    // Empty means the network's default cut point, which depends on the backbone.
    private static final MethodParameter<String> LAYER = MethodParameter.text("layer", "",
            "an ImageNet backbone's cut point (avgpool, layer3, fc7, ...)").shownAs("the network's classifier input");
    private static final MethodParameter<Integer> DECODE_THREADS = MethodParameter.integer("decode_threads", 2,
            "threads decoding image files when training on streamed images");
    private static final MethodParameter<Boolean> AUGMENT = MethodParameter.flag("augment", true,
            "random resized crop (8-100% of the area, aspect 3/4-4/3) and horizontal flip of streamed training images");

    /** The parameter names every deep method accepts (a method adds its own). */
    public static final Set<String> KNOWN = Set.copyOf(MethodParameter.names(parameters(Defaults.fire())));

    /**
     * The shared settings as a method with defaults {@code d} reads them, in the order
     * {@code hashing methods} lists them: the seven a method sets (epochs ... backbone_lr_scale)
     * carry {@code d}'s values, the others the defaults every method shares.
     */
    public static List<MethodParameter<?>> parameters(Defaults d) {
        return List.of(epochs(d), batchSize(d), learningRate(d), optimizer(d), MOMENTUM, NESTEROV, weightDecay(d),
                schedule(d), LR_STEP, LR_GAMMA, WARMUP_EPOCHS, backboneLrScale(d), BACKBONE, HIDDEN, LAYOUT,
                VALIDATION_SIZE, ENCODE_BATCH_SIZE, BACKBONE_WEIGHTS, INPUT_SIZE, LAYER, DECODE_THREADS, AUGMENT);
    }

    private static MethodParameter<Integer> epochs(Defaults d) {
        return MethodParameter.integer("epochs", d.epochs(), "passes over the training data");
    }

    private static MethodParameter<Integer> batchSize(Defaults d) {
        return MethodParameter.integer("batch_size", d.batchSize(), "mini-batch size");
    }

    private static MethodParameter<Double> learningRate(Defaults d) {
        return MethodParameter.real("learning_rate", d.learningRate(), "learning rate of the head");
    }

    // Plain text, lower-cased: the record's constructor refuses other words with its own message.
    private static MethodParameter<String> optimizer(Defaults d) {
        return MethodParameter.text("optimizer", d.optimizer(),
                "sgd (with momentum, nesterov), adam, or adamw (Adam with decoupled weight decay)");
    }

    private static MethodParameter<Double> weightDecay(Defaults d) {
        return MethodParameter.real("weight_decay", d.weightDecay(), "L2 added to the gradient (decoupled for adamw)");
    }

    private static MethodParameter<String> schedule(Defaults d) {
        return MethodParameter.text("lr_schedule", d.schedule(), "constant, step or cosine");
    }

    private static MethodParameter<Double> backboneLrScale(Defaults d) {
        return MethodParameter.real("backbone_lr_scale", d.backboneLrScale(),
                "the backbone's learning rate as a fraction of the head's (0 freezes it)");
    }

    static final Set<String> OPTIMIZERS = Set.of("sgd", "adam", "adamw");
    static final Set<String> SCHEDULES = Set.of("constant", "step", "cosine");

    /**
     * A method's published defaults for the shared settings.
     *
     * @param epochs          default passes over the data
     * @param batchSize       default mini-batch size
     * @param learningRate    default (head) learning rate
     * @param optimizer       sgd, adam or adamw
     * @param weightDecay     default weight decay
     * @param schedule        constant, step or cosine
     * @param backboneLrScale default backbone learning-rate fraction
     */
    public record Defaults(int epochs, int batchSize, double learningRate, String optimizer, double weightDecay,
            String schedule, double backboneLrScale) {
        /** Adam, no weight decay, constant rate, one rate for all layers (JMLH's paper setting). */
        public static Defaults adam(int epochs, int batchSize, double learningRate) {
            return new Defaults(epochs, batchSize, learningRate, "adam", 0, "constant", 1);
        }

        /**
         * FIRe's global defaults (METHODS-DEEP.md §0): Adam lr 1e-4, weight decay 5e-4 as L2, one
         * ×0.1 decay at 80% of the epochs, backbone at 0.1× the head's rate, batch 64, 100 epochs.
         */
        public static Defaults fire() {
            return new Defaults(100, 64, 1e-4, "adam", 5e-4, "step", 0.1);
        }

        /** SGD with momentum 0.9 (the momentum is a shared setting) and the given decay and schedule. */
        public static Defaults sgd(int epochs, int batchSize, double learningRate, double weightDecay, String schedule) {
            return new Defaults(epochs, batchSize, learningRate, "sgd", weightDecay, schedule, 1);
        }

        /** A copy with another backbone learning-rate fraction. */
        public Defaults backboneLrScale(double scale) {
            return new Defaults(epochs, batchSize, learningRate, optimizer, weightDecay, schedule, scale);
        }
    }

    public DeepSettings {
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 1, "batch_size must be >= 1, got " + batchSize);
        require(learningRate > 0, "learning_rate must be > 0, got " + learningRate);
        require(OPTIMIZERS.contains(optimizer), "optimizer must be one of sgd, adam, adamw, got '" + optimizer + "'");
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(!nesterov || momentum > 0, "nesterov needs momentum > 0");
        require(weightDecay >= 0, "weight_decay must be >= 0, got " + weightDecay);
        require(SCHEDULES.contains(schedule), "lr_schedule must be one of constant, step, cosine, got '" + schedule + "'");
        require(stepEpochs >= 0, "lr_step must be >= 0, got " + stepEpochs);
        require(gamma > 0 && gamma <= 1, "lr_gamma must be in (0, 1], got " + gamma);
        require(warmupEpochs >= 0, "warmup_epochs must be >= 0, got " + warmupEpochs);
        require(backboneLrScale >= 0, "backbone_lr_scale must be >= 0, got " + backboneLrScale);
        require(validationSize >= 0, "validation_size must be >= 0, got " + validationSize);
        require(validationSize != 1, "validation_size must be 0 (none) or >= 2 (queries and database), got 1");
        require(encodeBatchSize >= 1, "encode_batch_size must be >= 1, got " + encodeBatchSize);
        require(Backbones.NAMES.contains(backbone) || GraphBackbones.has(backbone), "unknown backbone '" + backbone
                + "'; known backbones: " + String.join(", ", Backbones.NAMES) + ", " + String.join(", ", GraphBackbones.NAMES));
        require(inputSize >= 0, "input_size must be >= 0 (0: the images' own size), got " + inputSize);
        require(decodeThreads >= 1, "decode_threads must be >= 1, got " + decodeThreads);
        if (GraphBackbones.has(backbone)) { // the parameter: a compact constructor's fields are not set yet
            // Checked here so that a bad path or cut point fails when the experiment is read, not after loading data.
            GraphImageBackbone.weights(backboneWeights, 0);
            GraphBackbones.create(backbone).checkLayer(layer == null ? GraphBackbones.create(backbone).defaultFeatureLayer()
                    : layer);
        }
        hidden = hidden.clone();
    }

    /**
     * Reads the shared settings of {@code methodName} from {@code config} (its own parameters are read
     * by the method; {@link MethodConfig#checkKnown} is the caller's, with {@link #KNOWN} plus its own).
     *
     * @param hasImages whether the training rows are images (decides the default backbone)
     */
    public static DeepSettings from(String methodName, MethodConfig config, Defaults d, boolean hasImages) {
        try {
            String backbone = config.getString(BACKBONE.name(), hasImages ? SmallCnnBackbone.NAME : MlpBackbone.NAME)
                    .trim().toLowerCase(Locale.ROOT);
            return new DeepSettings(
                    epochs(d).read(config),
                    batchSize(d).read(config),
                    learningRate(d).read(config),
                    optimizer(d).read(config).toLowerCase(Locale.ROOT),
                    MOMENTUM.read(config),
                    NESTEROV.read(config),
                    weightDecay(d).read(config),
                    schedule(d).read(config).toLowerCase(Locale.ROOT),
                    LR_STEP.read(config),
                    LR_GAMMA.read(config),
                    WARMUP_EPOCHS.read(config),
                    backboneLrScale(d).read(config),
                    backbone,
                    parseSizes(HIDDEN.read(config)),
                    SmallCnnBackbone.Layout.parse(config.getString(LAYOUT.name(), LAYOUT.defaultValue())),
                    VALIDATION_SIZE.read(config),
                    ENCODE_BATCH_SIZE.read(config),
                    BACKBONE_WEIGHTS.read(config),
                    INPUT_SIZE.read(config),
                    LAYER.read(config).isEmpty() ? null : LAYER.read(config),
                    DECODE_THREADS.read(config),
                    AUGMENT.read(config));
        } catch (HashingException e) {
            throw e.getMessage().startsWith(methodName + ":") ? e : new HashingException(methodName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The settings as plain data (provenance, checkpoint fingerprints, model files). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("optimizer", optimizer);
        if (optimizer.equals("sgd")) {
            m.put("momentum", momentum);
            m.put("nesterov", nesterov);
        }
        m.put("weight_decay", weightDecay);
        m.put("lr_schedule", schedule);
        if (schedule.equals("step")) {
            m.put("lr_step", stepEpochs);
            m.put("lr_gamma", gamma);
        }
        m.put("warmup_epochs", warmupEpochs);
        m.put("backbone_lr_scale", backboneLrScale);
        m.put("backbone", backbone);
        // Only the backbone's own options, so that a CNN run does not list MLP sizes and vice versa.
        if (backbone.equals(MlpBackbone.NAME)) {
            m.put("hidden", Arrays.stream(hidden).boxed().toList());
        } else if (graphBackbone()) {
            m.put("backbone_weights", backboneWeights);
            m.put("input_size", inputSize);
            m.put("layer", layer == null ? GraphBackbones.create(backbone).defaultFeatureLayer() : layer);
            m.put("augment", augment);
        } else if (!backbone.equals(IdentityBackbone.NAME)) {
            m.put("layout", layout.name().toLowerCase(Locale.ROOT));
        }
        m.put("validation_size", validationSize);
        m.put("encode_batch_size", encodeBatchSize);
        return m;
    }

    /** Whether {@link #backbone()} names an ImageNet network built as a SameDiff graph. */
    public boolean graphBackbone() {
        return GraphBackbones.has(backbone);
    }

    /**
     * The backbone for rows of {@code inputDimension} values ({@code imageShape}: c × h × w images, or
     * null for feature rows); {@code streamed} says the rows come from image files (input size default 224).
     */
    public Backbone backbone(int inputDimension, int[] imageShape, long seed, boolean streamed) {
        if (graphBackbone()) {
            int size = inputSize > 0 ? inputSize : streamed || imageShape == null ? 224 : imageShape[1];
            return GraphImageBackbone.create(backbone, backboneWeights, seed, imageShape, size, layer);
        }
        return Backbones.create(backbone, inputDimension, imageShape, hidden, layout);
    }

    /** The learning-rate schedule these settings describe. */
    public LearningRateSchedule learningRateSchedule() {
        return new LearningRateSchedule(schedule, learningRate, epochs, stepEpochs, gamma, warmupEpochs);
    }

    static int[] parseSizes(String s) {
        if (s == null) {
            return MlpBackbone.DEFAULT_HIDDEN.clone();
        }
        String t = s.trim().replace("[", "").replace("]", "");
        try {
            int[] sizes = Arrays.stream(t.split("[,\\s]+")).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
            if (sizes.length == 0) {
                throw new NumberFormatException();
            }
            return sizes;
        } catch (NumberFormatException e) {
            throw new HashingException("parameter 'hidden' must be a list of layer sizes such as 1024,512, got '" + s + "'");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new HashingException(message);
        }
    }
}
