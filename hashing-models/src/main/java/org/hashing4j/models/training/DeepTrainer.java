package org.hashing4j.models.training;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.models.nets.features.DatasetFeatures;
import org.hashing4j.models.nets.samediff.GraphBackbones;
import org.hashing4j.models.nets.samediff.GraphImageBackbone;
import org.hashing4j.models.ModelProvenance;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one trainer of every deep method ({@link DeepHashingMethod}): backbone → the method's head and
 * loss ({@link DeepObjective}) in one SameDiff graph, trained for a number of epochs with SGD
 * (momentum, Nesterov), Adam or AdamW, weight decay, a learning-rate schedule, and the backbone at
 * {@code backbone_lr_scale} of the head's rate (0 freezes it, and its gradients are not computed).
 *
 * <p>Every random draw comes from the run's seed through {@link Batches#random}: the validation
 * slice (purpose 1), each epoch's shuffle (2) and the method's per-batch draws (3, handed to the
 * objective as {@link DeepObjective.Batch#random()}), and its one-off preparation (4). After each
 * epoch the trainer scores held-out validation mAP ({@link ValidationMap}) and keeps the best
 * weights, writes the {@link HistoryFiles history} and a {@link Checkpoint} (groups
 * {@code weights}, {@code adam} or {@code sgd}, {@code best}, {@code state}; state
 * {@code iteration}, {@code best_epoch}, {@code best_map}, {@code history}). A resumed run continues
 * from the checkpoint and ends bit-identical to an uninterrupted one.
 */
public final class DeepTrainer {
    static final long SPLIT = 1;
    static final long SHUFFLE = 2;
    static final long DRAWS = 3;
    static final long PREPARE = 4;
    static final long EPOCH_ITEMS = 5;
    /** Checkpoint group of the network weights. */
    public static final String WEIGHTS = "weights";
    /** Checkpoint group of the best weights so far. */
    public static final String BEST = "best";
    /** Checkpoint group of the method's state. */
    public static final String STATE = "state";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DeepHashingMethod method;
    private final FeatureSet data;
    private final MethodConfig config;
    private final TrainingContext context;
    private final TrainingListener listener;
    private final DeepSettings settings;
    private final String name;
    /** The training images when they are streamed from files (then {@link #data} holds only their labels), else null. */
    private final ImageList images;
    private final int decodedSide;

    /** A trainer of {@code method} on {@code data}; parameters are checked here (one-line errors). */
    public DeepTrainer(DeepHashingMethod method, FeatureSet data, MethodConfig config, TrainingContext context) {
        this.method = method;
        this.data = data;
        this.config = config;
        this.context = context == null ? TrainingContext.quiet() : context;
        this.listener = this.context.listener();
        this.name = method.name();
        this.settings = method.settings(config, data.imageShape() != null);
        this.images = null;
        this.decodedSide = 0;
    }

    /**
     * A trainer of {@code method} on image files decoded batch by batch while it trains ({@link StreamedImages}):
     * an ImageNet backbone ({@code backbone}: alexnet, vgg16, resnet18, resnet50) at {@code input_size}
     * (default 224), training images randomly cropped and flipped ({@code augment}), validation images
     * and later encodings centred ({@link #evaluationPipeline}).
     */
    public DeepTrainer(DeepHashingMethod method, ImageList images, MethodConfig config, TrainingContext context) {
        this.method = method;
        this.config = config;
        this.context = context == null ? TrainingContext.quiet() : context;
        this.listener = this.context.listener();
        this.name = method.name();
        this.settings = method.settings(config, true);
        if (!settings.graphBackbone()) {
            throw new HashingException(name + ": training on image files streamed from disk needs an ImageNet backbone"
                    + " (backbone: " + String.join(", ", GraphBackbones.NAMES) + "), not '" + settings.backbone()
                    + "'; the small CNN trains on images loaded in memory (e.g. dataset image-folder)");
        }
        this.images = images;
        this.decodedSide = settings.inputSize() > 0 ? settings.inputSize() : 224;
        // Only the labels are held: every item shares one blank row, which methods reading rows are refused below.
        float[] blank = new float[1];
        float[][] rows = new float[images.size()][];
        java.util.Arrays.fill(rows, blank);
        this.data = new FeatureSet(rows, images.labels(), null, images.name());
    }

    /** {c, h, w} of streamed training images as decoded (RGB at the backbone's input size). */
    int[] decodedShape() {
        return new int[] {3, decodedSide, decodedSide};
    }

    /**
     * The input specification of a model trained on streamed images: RGB at the input size, the
     * evaluation transform ({@link #evaluationPipeline}), normalised inside the network as its weights expect.
     */
    ModelProvenance.InputSpec streamedInput() {
        return new ModelProvenance.InputSpec(decodedShape(), ModelProvenance.InputSpec.RESIZE_SHORTER_SIDE_CENTRE_CROP,
                null, null, GraphImageBackbone.weights(settings.backboneWeights(), config.seed()).normalization().name());
    }

    /**
     * How image files become input rows for a model trained on streamed images, outside training: the
     * shorter side resized to 256/224 of the input, the centre cropped, RGB in [0,1] — the same
     * transform as {@link org.hashing4j.models.encode.ImageInputs} applies for a model whose input
     * specification says {@code shorter-side-centre-crop}; training crops at random positions instead.
     */
    static ImagePipelineConfig evaluationPipeline(int[] shape) {
        return DatasetFeatures.pipelineFor(shape, false);
    }

    /**
     * What training produced: the network (with the kept weights), the settings, and what happened
     * (history, best epoch, sizes) for the model's provenance.
     */
    public record Result(DeepNetwork network, DeepSettings settings, Map<String, Object> settingsMap,
            Map<String, Object> details) {
    }

    /** Trains (or resumes) and returns the network with the kept weights. */
    public Result train() {
        StreamedImages stream = images == null ? null : new StreamedImages(images,
                DatasetFeatures.pipelineFor(decodedShape(), settings.augment()), evaluationPipeline(decodedShape()),
                settings.decodeThreads(), config.seed());
        try {
            return train(stream);
        } finally {
            if (stream != null) {
                // Stops the decoding threads, also when training ends with an error or an interrupt.
                stream.close();
            }
        }
    }

    private Result train(StreamedImages stream) {
        Labels labels = method.supervised() ? data.requireLabels(name) : data.labels();
        int numClasses = labels == null ? 0 : labels.numClasses();
        boolean multiLabel = labels != null && labels.isMultiLabel();
        long seed = config.seed();
        int n = data.size();

        int v = settings.validationSize();
        if (v > 0 && labels == null) {
            throw new HashingException(name + ": validation_size needs labelled data (validation mAP is by shared label)");
        }
        if (v > 0 && v > n - 1) {
            throw new HashingException(name + ": validation_size " + v + " leaves no training data (" + n + " items)");
        }
        int[] validation = new int[0];
        int[] train = identity(n);
        if (v > 0) {
            int[] perm = Batches.permutation(n, Batches.random(seed, -1, SPLIT));
            validation = Arrays.copyOfRange(perm, 0, v);
            train = Arrays.copyOfRange(perm, v, n);
        }
        int m = train.length;

        int[] rowShape = images == null ? data.imageShape() : decodedShape();
        int rowDimension = images == null ? data.dimension() : 3 * decodedSide * decodedSide;
        Backbone backbone = settings.backbone(rowDimension, rowShape, seed, images != null);
        DeepObjective objective = method.objective(config);
        if (images != null && objective.readsTrainingRows()) {
            throw new HashingException(name + " reads its training rows before training (" + name + "'s preparation)"
                    + ", which streamed image files cannot give; load the images in memory or use features");
        }
        DeepNetwork net = new DeepNetwork(backbone, objective, config.bits(), numClasses, multiLabel, seed);
        Map<String, Object> settingsMap = method.settingsMap(settings, config, objective);

        // A frozen backbone (scale 0) is left out of the gradients and the optimiser altogether.
        List<String> trainable = new ArrayList<>();
        Map<String, INDArray> live = new LinkedHashMap<>();
        for (String p : net.parameterNames()) {
            if (settings.backboneLrScale() > 0 || !net.isBackboneParameter(p)) {
                trainable.add(p);
                live.put(p, net.parameter(p));
            }
        }
        DeepOptimizer optimizer = new DeepOptimizer(settings.optimizer(), settings.momentum(), settings.nesterov(),
                settings.weightDecay(), live);
        LearningRateSchedule schedule = settings.learningRateSchedule();

        Map<String, Object> fingerprint = fingerprint(settingsMap, backbone, numClasses, multiLabel, m);
        Path checkpointDir = context.checkpointDir();
        int startEpoch = 0;
        int iteration = 0;
        List<Map<String, Object>> history = new ArrayList<>();
        int bestEpoch = -1;
        double bestMap = Double.NaN;
        Map<String, INDArray> bestWeights = null;
        objective.bind(data, train);
        Checkpoint cp = Checkpoint.resume(context, name, fingerprint);
        if (cp == null && checkpointDir != null && context.resume()) {
            cp = method.legacyCheckpoint(checkpointDir);
            if (cp != null) {
                cp.requireMatch(name, fingerprint);
            }
        }
        if (cp != null) {
            String source = cp.source();
            net.setParameters(cp.arrays(WEIGHTS), source);
            optimizer.restore(cp.hasArrays(optimizer.stateGroup()) ? cp.arrays(optimizer.stateGroup()) : Map.of(), source);
            iteration = cp.state("iteration", Integer.class);
            startEpoch = cp.stepsDone();
            for (JsonNode h : cp.state("history")) {
                history.add(JSON.convertValue(h, MAP));
            }
            bestEpoch = cp.state("best_epoch").asInt(-1);
            bestMap = cp.state("best_map").isNumber() ? cp.state("best_map").asDouble() : Double.NaN;
            bestWeights = cp.hasArrays(BEST) ? new LinkedHashMap<>(cp.arrays(BEST)) : null;
            objective.restoreState(cp.hasArrays(STATE) ? cp.arrays(STATE) : Map.of(), source);
            listener.message("resuming " + method.displayName() + " from " + source + " after epoch " + startEpoch);
        } else {
            objective.prepare(Batches.random(seed, -1, PREPARE));
        }

        int epochs = settings.epochs();
        int batch = settings.batchSize();
        float[][] rows = data.features();
        List<String> outputs = new ArrayList<>();
        outputs.add(net.head().loss().name());
        net.head().terms().values().forEach(t -> outputs.add(t.name()));
        for (String o : objective.observedOutputs()) {
            if (!outputs.contains(o)) {
                outputs.add(o);
            }
        }
        for (int epoch = startEpoch; epoch < epochs; epoch++) {
            SplittableRandom shuffleRandom = Batches.random(seed, epoch, SHUFFLE);
            SplittableRandom draws = Batches.random(seed, epoch, DRAWS);
            int[] items = objective.epochItems(epoch, train, Batches.random(seed, epoch, EPOCH_ITEMS));
            int size = items.length;
            int batches = (size + batch - 1) / batch;
            listener.phaseStarted("epoch " + (epoch + 1) + "/" + epochs, batches);
            int[] order = Batches.permutation(size, shuffleRandom);
            int[] index = new int[size];
            for (int i = 0; i < size; i++) {
                index[i] = items[order[i]];
            }
            double lossSum = 0;
            Map<String, Double> termSums = new LinkedHashMap<>();
            double firstLr = Double.NaN;
            long t0 = System.nanoTime();
            java.util.Iterator<INDArray> streamed = stream == null ? null : stream.batches(epoch, index, batch, true);
            for (int b = 0; b < batches; b++) {
                int start = b * batch;
                int end = Math.min(size, start + batch);
                INDArray x = streamed == null ? Batches.rows(rows, index, start, end) : streamed.next();
                INDArray y = net.usesLabels() ? Batches.labels(labels, numClasses, index, start, end) : null;
                DeepObjective.Batch bt = new DeepObjective.Batch(epoch, b, Arrays.copyOfRange(index, start, end), x, y, draws);
                Map<String, INDArray> feed = new LinkedHashMap<>();
                // A method's augmented views replace the rows; the plain rows stay open for observe().
                feed.put(DeepNetwork.INPUT, objective.trainingInput(bt));
                if (y != null) {
                    feed.put(DeepNetwork.LABELS, y);
                }
                feed.putAll(objective.feed(bt));
                double lr = schedule.at(epoch, b, batches);
                if (b == 0) {
                    firstLr = lr;
                }
                SessionMemory[] memory = net.installMemory();
                double loss;
                try {
                    OutAndGrad r = net.gradients(feed, outputs, trainable);
                    Map<String, INDArray> grads = r.getGradients();
                    for (String p : trainable) {
                        INDArray g = grads.get(p);
                        if (g != null) {
                            double rate = net.isBackboneParameter(p) ? lr * settings.backboneLrScale() : lr;
                            optimizer.step(p, live.get(p), g, rate, iteration);
                        }
                    }
                    iteration++;
                    Map<String, INDArray> out = r.getOutputs();
                    loss = out.get(net.head().loss().name()).getDouble(0);
                    for (Map.Entry<String, org.nd4j.autodiff.samediff.SDVariable> t : net.head().terms().entrySet()) {
                        termSums.merge(t.getKey(), out.get(t.getValue().name()).getDouble(0) * (end - start), Double::sum);
                    }
                    objective.observe(bt, out);
                } finally {
                    // Native memory is freed now rather than whenever the garbage collector gets to it.
                    memory[0].freeAll();
                    memory[1].freeAll();
                    for (INDArray a : feed.values()) {
                        a.close();
                    }
                    if (!x.wasClosed()) {
                        x.close();
                    }
                }
                if (!Double.isFinite(loss)) {
                    throw new HashingException(name + ": training diverged (loss " + loss + " in epoch " + (epoch + 1)
                            + "); try a smaller learning_rate");
                }
                // Weighted by batch size so the epoch figure is the mean over items.
                lossSum += loss * (end - start);
                double seconds = (System.nanoTime() - t0) / 1e9;
                listener.progress(b + 1, Map.of("loss", lossSum / end, "images_per_s", end / seconds));
            }
            objective.endEpoch(epoch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("epoch", epoch + 1);
            record.put("loss", lossSum / size);
            termSums.forEach((k, s) -> record.put(k, s / size));
            record.put("learning_rate", firstLr);
            record.put("seconds", seconds);
            record.put("images_per_s", size / seconds);
            if (v > 0) {
                double map = validationMap(net, rows, stream, validation, labels);
                record.put("validation_map", map);
                if (bestEpoch < 0 || map > bestMap) {
                    bestEpoch = epoch + 1;
                    bestMap = map;
                    bestWeights = net.parameters();
                    listener.message(String.format("epoch %d: validation mAP %.4f, best so far, weights kept", epoch + 1, map));
                } else {
                    listener.message(String.format("epoch %d: validation mAP %.4f (best %.4f at epoch %d)", epoch + 1, map,
                            bestMap, bestEpoch));
                }
            }
            history.add(record);
            Map<String, Double> summary = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : record.entrySet()) {
                summary.put(e.getKey(), ((Number) e.getValue()).doubleValue());
            }
            listener.phaseFinished(summary);
            HistoryFiles.write(context, history);
            if (checkpointDir != null) {
                Checkpoint.builder(name, epoch + 1, fingerprint)
                        .state("iteration", iteration)
                        .state("best_epoch", bestEpoch)
                        .state("best_map", Double.isNaN(bestMap) ? null : bestMap)
                        .state("history", history)
                        .arrays(WEIGHTS, net.parameters())
                        .arrays(optimizer.stateGroup(), optimizer.state())
                        .arrays(BEST, bestWeights)
                        .arrays(STATE, objective.state().isEmpty() ? null : objective.state())
                        .write(checkpointDir);
            }
        }
        if (bestWeights != null && bestEpoch < epochs) {
            net.setParameters(bestWeights, "best weights");
            listener.message("using the weights of epoch " + bestEpoch + " (best validation mAP "
                    + String.format("%.4f", bestMap) + ")");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backbone", backbone.spec());
        details.put("num_classes", numClasses);
        details.put("multi_label", multiLabel);
        details.put("training_items", m);
        details.put("validation_items", v);
        double seconds = 0;
        for (Map<String, Object> h : history) {
            seconds += ((Number) h.get("seconds")).doubleValue();
        }
        details.put("training_seconds", seconds);
        details.put("history", history);
        if (bestEpoch > 0) {
            details.put("best_epoch", bestEpoch);
            details.put("best_validation_map", bestMap);
        }
        return new Result(net, settings, settingsMap, details);
    }

    private double validationMap(DeepNetwork net, float[][] rows, StreamedImages stream, int[] validation,
            Labels labels) {
        BinaryCodes codes;
        if (stream == null) {
            float[][] vRows = new float[validation.length][];
            for (int i = 0; i < validation.length; i++) {
                vRows[i] = rows[validation[i]];
            }
            codes = net.encode(vRows, settings.encodeBatchSize());
        } else {
            // Decoded centred (no augmentation) in batches of the training size: memory stays bounded.
            boolean[][] all = new boolean[validation.length][];
            int done = 0;
            java.util.Iterator<INDArray> it = stream.batches(-1, validation, settings.batchSize(), false);
            while (it.hasNext()) {
                try (INDArray x = it.next()) {
                    for (boolean[] c : net.codes(x)) {
                        all[done++] = c;
                    }
                }
            }
            codes = BinaryCodes.fromBooleans(all);
        }
        return ValidationMap.meanAveragePrecision(codes, labels.select(validation),
                ValidationMap.queryCount(validation.length));
    }

    /** What must match for a checkpoint to be resumed (epochs may grow; encoding batch size is irrelevant). */
    private Map<String, Object> fingerprint(Map<String, Object> settingsMap, Backbone backbone, int numClasses,
            boolean multiLabel, int trainItems) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("method", name);
        f.put("bits", config.bits());
        f.put("seed", config.seed());
        Map<String, Object> s = new LinkedHashMap<>(settingsMap);
        s.remove("epochs");
        s.remove("encode_batch_size");
        f.put("settings", s);
        f.put("backbone", backbone.spec());
        f.put("items", data.size());
        if (images != null) {
            f.put("images", images.name());
        }
        f.put("training_items", trainItems);
        f.put("num_classes", numClasses);
        f.put("multi_label", multiLabel);
        return f;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
