package org.hashing4j.models.methods.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.ComputeBackend;
import org.hashing4j.models.nets.features.FeaturePooling;
import org.hashing4j.models.training.Checkpoint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Fine-tunes a {@link NetworkBackbone} with a {@link HashingHead} through DL4J's transfer-learning API:
 * the layers above the chosen feature layer are removed, the head is attached there (after global
 * pooling when the layer is convolutional), and the backbone is either frozen
 * ({@code setFeatureExtractor}) or trained with its own, lower learning rate (the graph's
 * fine-tune updater) while the head's layers carry the head's rate. The backbone's own network is
 * not changed.
 *
 * <p>After every epoch, when the training context has a checkpoint folder, a
 * {@link Checkpoint} keeps the network with its updater state (blob {@value #NETWORK}) and the
 * losses so far (state {@code losses}); a resumed run continues after the last finished epoch.
 *
 * <p>The same code runs on CPU and GPU: ND4J's backend decides where the arrays live.
 */
public final class FineTuner {
    /** Vertex added between a convolutional feature layer and the head. */
    public static final String POOL_VERTEX = "hash_pool";
    /** The checkpoint blob holding the network with its updater state (a DL4J model zip). */
    static final String NETWORK = "network.zip";

    private final NetworkBackbone backbone;
    private final HashingHead head;
    private final FineTuneSettings settings;
    private final String layer;

    public FineTuner(NetworkBackbone backbone, HashingHead head, FineTuneSettings settings) {
        this.backbone = backbone;
        this.head = head;
        this.settings = settings;
        this.layer = settings.layer() == null ? backbone.defaultFeatureLayer() : backbone.checkLayer(settings.layer());
    }

    /** The backbone layer the head sits on. */
    public String featureLayer() {
        return layer;
    }

    /**
     * The network to train: backbone up to the feature layer plus the head (freshly initialised).
     *
     * @param numClasses  label columns of the training batches
     * @param multiLabel  whether items may carry several labels
     * @param sampleImage one NCHW [0,1] image (any of the training images) to learn the feature shape
     */
    public Built build(int numClasses, boolean multiLabel, INDArray sampleImage) {
        ComputationGraph net = backbone.network();
        INDArray probe = net.output(List.of(layer), false, new INDArray[] {backbone.prepare(sampleImage)}, null)[0];
        FineTuneConfiguration ftc = new FineTuneConfiguration.Builder()
                .updater(new Adam(settings.backboneLearningRate()))
                .seed(settings.seed())
                .build();
        TransferLearning.GraphBuilder b = new TransferLearning.GraphBuilder(net).fineTuneConfiguration(ftc);
        if (settings.freezeBackbone()) {
            b.setFeatureExtractor(layer);
        }
        for (String v : verticesAbove(net.getConfiguration(), layer)) {
            b.removeVertexAndConnections(v);
        }
        String headInput = layer;
        long nIn;
        if (probe.rank() == 4) {
            boolean nhwc = backbone.channelsLast();
            long c = nhwc ? probe.size(3) : probe.size(1);
            long h = nhwc ? probe.size(1) : probe.size(2);
            long w = nhwc ? probe.size(2) : probe.size(3);
            if (settings.pooling() == FeaturePooling.FLATTEN) {
                b.addVertex(POOL_VERTEX, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(h, w, c,
                        nhwc ? org.deeplearning4j.nn.conf.CNN2DFormat.NHWC : org.deeplearning4j.nn.conf.CNN2DFormat.NCHW)),
                        layer);
                nIn = c * h * w;
            } else {
                b.addLayer(POOL_VERTEX, new GlobalPoolingLayer.Builder(settings.pooling() == FeaturePooling.MAX
                        ? PoolingType.MAX : PoolingType.AVG).collapseDimensions(true).build(), layer);
                nIn = c;
            }
            headInput = POOL_VERTEX;
        } else if (probe.rank() == 2) {
            nIn = probe.size(1);
        } else {
            throw new HashingException("layer " + layer + " of " + backbone.name() + " gives activations of shape "
                    + Arrays.toString(probe.shape()) + "; the head needs a convolutional or dense layer");
        }
        HashingHead.Context ctx = new HashingHead.Context(settings.bits(), numClasses, multiLabel,
                new Adam(settings.learningRate()), settings.seed(), settings.headParams());
        HashingHead.Attachment a = head.attach(b, headInput, nIn, ctx);
        b.setOutputs(a.outputs().toArray(new String[0]));
        ComputationGraph g = b.build();
        return new Built(g, a, nIn);
    }

    /** A built network with its head's attachment and the head's input width. */
    public record Built(ComputationGraph network, HashingHead.Attachment attachment, long featureWidth) {
    }

    /**
     * Trains and returns the fine-tuned model.
     *
     * @param train      batches of NCHW [0,1] images with one-hot (or multi-hot) labels; reset each epoch
     * @param numClasses label columns
     * @param multiLabel whether items may carry several labels
     * @param imageShape {c,h,w} of the images as the iterator gives them (what the model will encode)
     * @param context    progress listener, checkpoint folder and resume flag
     */
    public FineTunedModel fit(DataSetIterator train, int numClasses, boolean multiLabel, int[] imageShape,
            TrainingContext context) {
        TrainingListener l = context.listener();
        if (imageShape == null || imageShape.length != 3) {
            throw new HashingException("image shape must be {channels, height, width}, got " + Arrays.toString(imageShape));
        }
        if (settings.epochs() > 1 && !train.resetSupported()) {
            throw new HashingException("fine-tuning for " + settings.epochs() + " epochs needs an image iterator that can be reset");
        }
        Built built = build(numClasses, multiLabel, Nd4j.zeros(1, imageShape[0], imageShape[1], imageShape[2]));
        HashingHead.Attachment attachment = built.attachment();
        ComputationGraph g = built.network();
        List<Double> losses = new ArrayList<>();
        // Per-epoch records for history.csv / history.json (checkpoint state "history"; older checkpoints have none).
        List<Map<String, Object>> history = new ArrayList<>();
        int startEpoch = 1;
        Path checkpointDir = context.checkpointDir();
        Map<String, Object> fingerprint = fingerprint(numClasses, multiLabel, imageShape);
        Checkpoint cp = Checkpoint.resume(context, FineTunedModel.METHOD, fingerprint);
        if (cp != null) {
            g = restore(cp);
            for (JsonNode loss : cp.state("losses")) {
                losses.add(loss.asDouble());
            }
            for (JsonNode h : cp.state("history")) {
                history.add(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(h,
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                        }));
            }
            startEpoch = cp.stepsDone() + 1;
            l.message("resumed fine-tuning from " + cp.source() + " (epoch " + cp.stepsDone() + " done)");
        }
        l.message("fine-tuning " + backbone.name() + " up to " + layer + (settings.freezeBackbone()
                ? " (frozen)" : " (lr " + settings.backboneLearningRate() + ")") + " with " + head.displayName()
                + " head at " + settings.bits() + " bits (lr " + settings.learningRate() + "), "
                + g.numParams() + " parameters; " + ComputeBackend.describe());
        for (int epoch = startEpoch; epoch <= settings.epochs(); epoch++) {
            if (train.resetSupported()) {
                train.reset();
            }
            l.phaseStarted("epoch " + epoch + "/" + settings.epochs(), 0);
            long start = System.nanoTime();
            long images = 0;
            double sum = 0;
            int iterations = 0;
            while (train.hasNext()) {
                DataSet ds = train.next();
                INDArray x = backbone.prepare(ds.getFeatures());
                List<String> outputs = g.getConfiguration().getNetworkOutputs();
                if (outputs.size() == 1 && attachment.codeTargetOutputs().isEmpty()) {
                    g.fit(new DataSet(x, ds.getLabels()));
                } else {
                    g.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, labelsPerOutput(g, attachment,
                            outputs, x, ds.getLabels())));
                }
                double loss = g.score();
                if (!Double.isFinite(loss)) {
                    throw new HashingException(nonFiniteFeatures(x)
                            ? "the backbone's " + layer + " activations are not finite (a randomly initialised network"
                                + " whose batch-norm statistics were never trained, or wrong input normalisation)"
                            : "fine-tuning diverged at epoch " + epoch + " (loss " + loss + "); lower the learning rate");
                }
                losses.add(loss);
                sum += loss;
                iterations++;
                images += ds.numExamples();
                double seconds = (System.nanoTime() - start) / 1e9;
                l.progress(images, Map.of("loss", loss, "images_per_s", images / Math.max(seconds, 1e-9)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            l.phaseFinished(Map.of("loss", iterations == 0 ? Double.NaN : sum / iterations,
                    "images_per_s", images / Math.max(seconds, 1e-9), "seconds", seconds));
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("epoch", epoch);
            record.put("loss", iterations == 0 ? null : sum / iterations);
            record.put("learning_rate", settings.learningRate());
            record.put("seconds", seconds);
            record.put("images_per_s", images / Math.max(seconds, 1e-9));
            history.add(record);
            org.hashing4j.models.training.HistoryFiles.write(context, history);
            if (checkpointDir != null) {
                ComputationGraph net = g;
                Checkpoint.builder(FineTunedModel.METHOD, epoch, fingerprint)
                        .state("losses", losses)
                        .state("history", history)
                        .blob(NETWORK, out -> ModelSerializer.writeModel(net, out, true))
                        .write(checkpointDir);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("head", head.name());
        details.put("backbone", backbone.describe());
        details.put("feature_layer", layer);
        details.put("num_classes", numClasses);
        details.put("multi_label", multiLabel);
        details.put("losses", losses);
        // Small images were trained whole; network-sized ones go through the backbones' evaluation
        // transform (shorter side, centre crop), as the image pipeline encodes image files.
        String resize = Math.max(imageShape[1], imageShape[2]) <= ModelProvenance.InputSpec.SMALL_IMAGE
                ? ModelProvenance.InputSpec.RESIZE_EXACT : ModelProvenance.InputSpec.RESIZE_SHORTER_SIDE_CENTRE_CROP;
        ModelProvenance prov = new ModelProvenance(FineTunedModel.METHOD, head.displayName() + " (" + backbone.name()
                + " " + layer + (settings.freezeBackbone() ? ", frozen" : ", fine-tuned") + ")", settings.bits(),
                settings.seed(), settings.toMap(), ModelProvenance.DataProvenance.of(context.data(), null),
                new ModelProvenance.InputSpec(imageShape.clone(), resize, null, null, backbone.normalization().name()),
                details, ModelProvenance.Software.current());
        return new FineTunedModel(g, built.attachment().codeVertex(), built.attachment().threshold(), settings.bits(),
                imageShape, backbone.imageInput(), prov, losses);
    }

    /**
     * Labels for each output of a multi-output head: the class rows; for code-target outputs the
     * batch's current codes as ±1 (code activations from the network before this step); none for
     * output layers that need no labels.
     */
    static INDArray[] labelsPerOutput(ComputationGraph g, HashingHead.Attachment a, List<String> outputs,
            INDArray x, INDArray classLabels) {
        INDArray codeTargets = null;
        if (!a.codeTargetOutputs().isEmpty()) {
            INDArray h = g.output(List.of(a.codeVertex()), false, new INDArray[] {x}, null)[0];
            codeTargets = h.gte(a.threshold()).castTo(h.dataType()).muli(2).subi(1);
        }
        INDArray[] labels = new INDArray[outputs.size()];
        for (int i = 0; i < labels.length; i++) {
            String out = outputs.get(i);
            if (a.codeTargetOutputs().contains(out)) {
                labels[i] = codeTargets;
            } else if (g.getLayer(out).conf().getLayer() instanceof SameDiffOutputLayer
                    && !((SameDiffOutputLayer) g.getLayer(out).conf().getLayer()).labelsRequired()) {
                labels[i] = null; // label-free terms (independence, balance) take none
            } else {
                labels[i] = classLabels;
            }
        }
        return labels;
    }

    private boolean nonFiniteFeatures(INDArray preparedBatch) {
        INDArray f = backbone.network().output(List.of(layer), false, new INDArray[] {preparedBatch}, null)[0];
        return !Double.isFinite(f.sumNumber().doubleValue());
    }

    /** Vertices that do not feed {@code layer} (everything above it and side branches), network inputs excluded. */
    static List<String> verticesAbove(ComputationGraphConfiguration conf, String layer) {
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(layer);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (needed.add(v)) {
                List<String> in = conf.getVertexInputs().get(v);
                if (in != null) {
                    todo.addAll(in);
                }
            }
        }
        List<String> remove = new ArrayList<>();
        for (String v : conf.getVertices().keySet()) {
            if (!needed.contains(v) && !conf.getNetworkInputs().contains(v)) {
                remove.add(v);
            }
        }
        return remove;
    }

    /**
     * What must match for a checkpoint to be resumed: backbone, feature layer, head and settings
     * (epochs may grow), the label space and the image shape.
     */
    private Map<String, Object> fingerprint(int numClasses, boolean multiLabel, int[] imageShape) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("method", FineTunedModel.METHOD);
        f.put("backbone", backbone.name());
        f.put("backbone_id", backbone.id());
        f.put("feature_layer", layer);
        f.put("head", head.name());
        Map<String, Object> s = new LinkedHashMap<>(settings.toMap());
        s.remove("epochs");
        f.put("settings", s);
        f.put("num_classes", numClasses);
        f.put("multi_label", multiLabel);
        f.put("image_shape", Arrays.stream(imageShape).boxed().toList());
        return f;
    }

    /** The network, with its updater state, from a checkpoint's blob. */
    private static ComputationGraph restore(Checkpoint cp) {
        try {
            return ModelSerializer.restoreComputationGraph(new java.io.ByteArrayInputStream(cp.blob(NETWORK)), true);
        } catch (IOException | RuntimeException e) {
            if (e instanceof HashingException h) {
                throw h;
            }
            throw new HashingException(cp.source() + ": cannot restore the network from the checkpoint ("
                    + e.getMessage() + ")", e);
        }
    }
}
