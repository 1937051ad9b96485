package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.training.Batches;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.ValidationMap;

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
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.Backbones;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a JMLH network: Adam on mini-batches for a number of epochs, the data shuffled and the
 * neuron's noise ε drawn anew for every batch, all from the run's seed. After each epoch it reports
 * loss and images/s, optionally measures validation mAP on a held-out slice (keeping the best
 * weights), and writes a {@link Checkpoint} (groups {@code weights}, {@code adam}, {@code best}; state
 * {@code iteration}, {@code best_epoch}, {@code best_map}, {@code history}); a resumed run continues
 * from the checkpoint and ends with the same weights as an uninterrupted one.
 */
final class JmlhTrainer {
    // Purposes of the seeded random streams (see Batches.random).
    private static final long SPLIT = 1;
    private static final long SHUFFLE = 2;
    private static final long NOISE = 3;
    // Array groups of the checkpoint: weights, Adam's moments, best weights so far (with validation).
    static final String WEIGHTS = "weights";
    static final String ADAM = "adam";
    static final String BEST = "best";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final FeatureSet data;
    private final MethodConfig config;
    private final JmlhSettings settings;
    private final TrainingContext context;
    private final TrainingListener listener;

    JmlhTrainer(FeatureSet data, MethodConfig config, TrainingContext context) {
        this.data = data;
        this.config = config;
        this.settings = JmlhSettings.from(config, data.imageShape() != null);
        this.context = context;
        this.listener = context.listener();
    }

    JmlhModel train() {
        Labels labels = data.requireLabels(JmlhMethod.NAME);
        int numClasses = labels.numClasses();
        boolean multiLabel = labels.isMultiLabel();
        long seed = config.seed();
        int n = data.size();

        // A seeded random validation slice is held out; the rest is trained on.
        int v = settings.validationSize();
        if (v > 0 && v > n - 1) {
            throw new HashingException("jmlh: validation_size " + v + " leaves no training data (" + n + " items)");
        }
        int[] validation = new int[0];
        int[] train = identity(n);
        if (v > 0) {
            int[] perm = Batches.permutation(n, Batches.random(seed, -1, SPLIT));
            validation = Arrays.copyOfRange(perm, 0, v);
            train = Arrays.copyOfRange(perm, v, n);
        }
        int m = train.length;

        Backbone backbone = Backbones.create(settings.backbone(), data.dimension(), data.imageShape(),
                settings.hidden(), settings.layout());
        JmlhNetwork net = new JmlhNetwork(backbone, config.bits(), numClasses, multiLabel, settings.lambda(), seed);
        net.startTraining(settings.learningRate());

        Map<String, Object> fingerprint = fingerprint(backbone, numClasses, multiLabel, m);
        Path checkpointDir = context.checkpointDir();
        int startEpoch = 0;
        List<Map<String, Object>> history = new ArrayList<>();
        int bestEpoch = -1;
        double bestMap = Double.NaN;
        Map<String, INDArray> bestWeights = null;
        Checkpoint cp = Checkpoint.resume(context, JmlhMethod.NAME, fingerprint);
        if (cp == null && checkpointDir != null && context.resume()) {
            cp = JmlhLegacyCheckpoint.read(checkpointDir);
            if (cp != null) {
                cp.requireMatch(JmlhMethod.NAME, fingerprint);
            }
        }
        if (cp != null) {
            String source = cp.source();
            net.setParameters(cp.arrays(WEIGHTS), source);
            net.setOptimizerState(cp.arrays(ADAM), cp.state("iteration", Integer.class), source);
            startEpoch = cp.stepsDone();
            for (JsonNode h : cp.state("history")) {
                history.add(JSON.convertValue(h, MAP));
            }
            bestEpoch = cp.state("best_epoch").asInt(-1);
            bestMap = cp.state("best_map").isNumber() ? cp.state("best_map").asDouble() : Double.NaN;
            bestWeights = cp.hasArrays(BEST) ? new LinkedHashMap<>(cp.arrays(BEST)) : null;
            listener.message("resuming JMLH from " + source + " after epoch " + startEpoch);
        }

        int epochs = settings.epochs();
        int batch = settings.batchSize();
        int batches = (m + batch - 1) / batch;
        float[][] rows = data.features();
        for (int epoch = startEpoch; epoch < epochs; epoch++) {
            listener.phaseStarted("epoch " + (epoch + 1) + "/" + epochs, batches);
            SplittableRandom shuffleRandom = Batches.random(seed, epoch, SHUFFLE);
            SplittableRandom noiseRandom = Batches.random(seed, epoch, NOISE);
            int[] order = Batches.permutation(m, shuffleRandom);
            int[] index = new int[m];
            for (int i = 0; i < m; i++) {
                index[i] = train[order[i]];
            }
            double lossSum = 0;
            double ceSum = 0;
            double klSum = 0;
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int start = b * batch;
                int end = Math.min(m, start + batch);
                INDArray x = Batches.rows(rows, index, start, end);
                INDArray y = Batches.labels(labels, numClasses, index, start, end);
                INDArray eps = Batches.uniformNoise(end - start, config.bits(), noiseRandom);
                JmlhNetwork.StepResult r = net.step(x, y, eps);
                // Native memory is freed now rather than whenever the garbage collector gets to it.
                x.close();
                y.close();
                eps.close();
                if (!Double.isFinite(r.loss())) {
                    throw new HashingException("jmlh: training diverged (loss " + r.loss() + " in epoch " + (epoch + 1)
                            + "); try a smaller learning_rate");
                }
                // Weighted by batch size so the epoch figure is the mean over items.
                lossSum += r.loss() * (end - start);
                ceSum += r.classificationLoss() * (end - start);
                klSum += r.kl() * (end - start);
                double seconds = (System.nanoTime() - t0) / 1e9;
                listener.progress(b + 1, Map.of("loss", lossSum / end, "images_per_s", end / seconds));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("epoch", epoch + 1);
            record.put("loss", lossSum / m);
            record.put("classification_loss", ceSum / m);
            record.put("kl", klSum / m);
            record.put("seconds", seconds);
            record.put("images_per_s", m / seconds);
            if (v > 0) {
                double map = validationMap(net, rows, validation, labels);
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
            if (checkpointDir != null) {
                Checkpoint.builder(JmlhMethod.NAME, epoch + 1, fingerprint)
                        .state("iteration", net.iteration())
                        .state("best_epoch", bestEpoch)
                        .state("best_map", Double.isNaN(bestMap) ? null : bestMap)
                        .state("history", history)
                        .arrays(WEIGHTS, net.parameters())
                        .arrays(ADAM, net.optimizerState())
                        .arrays(BEST, bestWeights)
                        .write(checkpointDir);
            }
        }
        if (bestWeights != null && bestEpoch < epochs) {
            net.setParameters(bestWeights, "best weights");
            listener.message("using the weights of epoch " + bestEpoch + " (best validation mAP " + String.format("%.4f", bestMap) + ")");
        }
        return new JmlhModel(net, settings, seed, provenance(backbone, numClasses, multiLabel, m, v, history, bestEpoch, bestMap));
    }

    private double validationMap(JmlhNetwork net, float[][] rows, int[] validation, Labels labels) {
        float[][] vRows = new float[validation.length][];
        for (int i = 0; i < validation.length; i++) {
            vRows[i] = rows[validation[i]];
        }
        return ValidationMap.meanAveragePrecision(net.encode(vRows, settings.encodeBatchSize()), labels.select(validation),
                ValidationMap.queryCount(validation.length));
    }

    /** What must match for a checkpoint to be resumed (epochs may grow; encoding batch size is irrelevant). */
    private Map<String, Object> fingerprint(Backbone backbone, int numClasses, boolean multiLabel, int trainItems) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("method", JmlhMethod.NAME);
        f.put("bits", config.bits());
        f.put("seed", config.seed());
        Map<String, Object> s = settings.toMap();
        s.remove("epochs");
        s.remove("encode_batch_size");
        f.put("settings", s);
        f.put("backbone", backbone.spec());
        f.put("items", data.size());
        f.put("training_items", trainItems);
        f.put("num_classes", numClasses);
        f.put("multi_label", multiLabel);
        return f;
    }

    private ModelProvenance provenance(Backbone backbone, int numClasses, boolean multiLabel, int trainItems,
            int validationItems, List<Map<String, Object>> history, int bestEpoch, double bestMap) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backbone", backbone.spec());
        p.put("preprocessing", JmlhModel.PREPROCESSING);
        p.put("num_classes", numClasses);
        p.put("multi_label", multiLabel);
        p.put("training_items", trainItems);
        p.put("validation_items", validationItems);
        double seconds = 0;
        for (Map<String, Object> h : history) {
            seconds += ((Number) h.get("seconds")).doubleValue();
        }
        p.put("training_seconds", seconds);
        p.put("history", history);
        if (bestEpoch > 0) {
            p.put("best_epoch", bestEpoch);
            p.put("best_validation_map", bestMap);
        }
        return ModelProvenance.of(new JmlhMethod(), config, context, data, settings.toMap(), p);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
