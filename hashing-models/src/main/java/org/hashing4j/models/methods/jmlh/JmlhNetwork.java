package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.layers.StochasticBinaryNeuron;
import org.hashing4j.models.training.Batches;
import org.hashing4j.models.training.SessionMemory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.Layers;
import org.hashing4j.models.nets.SeededInitializer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The JMLH network as one SameDiff graph: backbone → fc(bits) → stochastic binary neuron →
 * fc(#classes) → softmax cross-entropy (or sigmoid cross-entropy for multi-label data), plus
 * λ·KL(Bernoulli(p) ‖ Bernoulli(½)). Loss = mean over the batch of (cross-entropy + λ·KL).
 *
 * <p>Training steps use {@link SameDiff#calculateGradientsAndOutputs} and one ND4J
 * {@link AdamUpdater} per parameter, held here, so that the optimiser state can be checkpointed and
 * restored exactly (SameDiff's own {@code fit} keeps it out of reach until its first step).
 */
final class JmlhNetwork {
    static final String INPUT = "input";
    static final String EPSILON = "epsilon";
    static final String LABELS = "labels";
    static final String CODE_LOGITS = "code_logits";
    static final String CODE_PROBABILITIES = "code_probabilities";
    static final String CODES = "codes";
    static final String CLASS_LOGITS = "class_logits";
    static final String CLASSIFICATION_LOSS = "classification_loss";
    static final String KL = "kl";
    static final String LOSS = "loss";

    private final SameDiff sd;
    private final Backbone backbone;
    private final int bits;
    private final int numClasses;
    private final boolean multiLabel;
    private final double lambda;
    private final List<String> parameterNames;
    private final List<String> trainingOutputs = List.of(LOSS, CLASSIFICATION_LOSS, KL);
    private Map<String, AdamUpdater> updaters;
    private int iteration;

    /**
     * Builds the graph with weights drawn from {@code seed}.
     *
     * @param lambda weight of the KL term
     */
    JmlhNetwork(Backbone backbone, int bits, int numClasses, boolean multiLabel, double lambda, long seed) {
        if (numClasses < 2 && !multiLabel) {
            throw new HashingException("jmlh needs at least 2 classes in the training labels, got " + numClasses);
        }
        this.backbone = backbone;
        this.bits = bits;
        this.numClasses = numClasses;
        this.multiLabel = multiLabel;
        this.lambda = lambda;
        this.sd = SameDiff.create();
        SeededInitializer init = new SeededInitializer(seed);
        int d = backbone.inputDimension();
        SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, -1, d);
        SDVariable epsilon = sd.placeHolder(EPSILON, DataType.FLOAT, -1, bits);
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, numClasses);

        Backbone.Features f = backbone.build(sd, input, init);
        SDVariable u = Layers.dense(sd, "hash/fc", f.output(), f.dimension(), bits, init, Layers.Init.LINEAR);
        u = sd.identity(CODE_LOGITS, u);
        SDVariable p = StochasticBinaryNeuron.probabilities(sd, CODE_PROBABILITIES, u);
        SDVariable b = StochasticBinaryNeuron.sample(sd, CODES, p, epsilon);
        SDVariable z = Layers.dense(sd, "classifier/fc", b, bits, numClasses, init, Layers.Init.LINEAR);
        z = sd.identity(CLASS_LOGITS, z);

        SDVariable ce;
        if (multiLabel) {
            // Σ_c [softplus(z) − y·z] = Σ_c −[y·log σ(z) + (1−y)·log(1−σ(z))], per sample.
            ce = Layers.softplus(sd, z).sub(labels.mul(z)).sum(1);
        } else {
            // logSoftmax over the last axis (the classes); the overload with an explicit axis fails in M2.1.
            ce = sd.nn.logSoftmax(z).mul(labels).sum(1).neg();
        }
        SDVariable ceMean = ce.mean(CLASSIFICATION_LOSS);
        SDVariable klMean = StochasticBinaryNeuron.klToFairCoin(sd, "kl_per_sample", u, p).mean(KL);
        SDVariable loss = ceMean.add(LOSS, klMean.mul(lambda));
        sd.setLossVariables(loss);

        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        this.parameterNames = List.copyOf(names);
    }

    SameDiff graph() {
        return sd;
    }

    Backbone backbone() {
        return backbone;
    }

    int bits() {
        return bits;
    }

    int numClasses() {
        return numClasses;
    }

    boolean multiLabel() {
        return multiLabel;
    }

    double lambda() {
        return lambda;
    }

    /** Names of the trainable parameters. */
    List<String> parameterNames() {
        return parameterNames;
    }

    /** Switches on Adam with this learning rate (β1 0.9, β2 0.999, ε 1e-8) and zeroed moments. */
    void startTraining(double learningRate) {
        updaters = new LinkedHashMap<>();
        Adam adam = new Adam(learningRate);
        for (String name : parameterNames) {
            INDArray param = sd.getArrForVarName(name);
            long n = param.length();
            AdamUpdater u = new AdamUpdater(adam);
            u.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), param.shape(), param.ordering(), true);
            updaters.put(name, u);
        }
        iteration = 0;
    }

    /** Number of Adam steps taken since {@link #startTraining}. */
    int iteration() {
        return iteration;
    }

    /**
     * One Adam step on a mini-batch.
     *
     * @param x       batch × inputDimension
     * @param labels  batch × numClasses, one-hot (single label) or 0/1 (multi-label)
     * @param epsilon batch × bits thresholds, uniform in [0,1)
     * @return loss, classification loss and KL of this batch, before the step
     */
    StepResult step(INDArray x, INDArray labels, INDArray epsilon) {
        if (updaters == null) {
            throw new IllegalStateException("startTraining was not called");
        }
        if (sd.getFunction("grad") == null) {
            createGradientGraphQuietly();
        }
        SessionMemory forward = SessionMemory.install(sd);
        SessionMemory backward = SessionMemory.install(sd.getFunction("grad"));
        try {
            Map<String, INDArray> feed = new LinkedHashMap<>();
            feed.put(INPUT, x);
            feed.put(EPSILON, epsilon);
            feed.put(LABELS, labels);
            OutAndGrad r = sd.calculateGradientsAndOutputs(feed, trainingOutputs, parameterNames);
            Map<String, INDArray> grads = r.getGradients();
            for (String name : parameterNames) {
                INDArray g = grads.get(name);
                // applyUpdater turns the gradient into the update in place (bias-corrected Adam step).
                updaters.get(name).applyUpdater(g, iteration, 0);
                sd.getArrForVarName(name).subi(g);
            }
            iteration++;
            Map<String, INDArray> out = r.getOutputs();
            return new StepResult(out.get(LOSS).getDouble(0), out.get(CLASSIFICATION_LOSS).getDouble(0),
                    out.get(KL).getDouble(0));
        } finally {
            forward.freeAll();
            backward.freeAll();
        }
    }

    /**
     * Builds SameDiff's gradient graph. SameDiff 1.0.0-M2.1 prints one "Added differentiated op"
     * line per op to {@code System.out} while doing so (about 35 lines per network), which would
     * bury the command line's own output; standard output is muted for that call only.
     */
    private void createGradientGraphQuietly() {
        synchronized (System.class) {
            java.io.PrintStream out = System.out;
            try {
                System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    /** Loss terms of one training step. */
    record StepResult(double loss, double classificationLoss, double kl) {
    }

    /** Bit probabilities p = sigmoid(u) for a batch (no noise, no labels needed), copied to Java. */
    float[][] probabilities(INDArray x) {
        SessionMemory memory = SessionMemory.install(sd);
        try {
            return sd.output(Map.of(INPUT, x), CODE_PROBABILITIES).get(CODE_PROBABILITIES).toFloatMatrix();
        } finally {
            memory.freeAll();
        }
    }

    /** The neuron's output b for a batch with the given noise ε (training mode when ε is uniform noise). */
    float[][] sampledCodes(INDArray x, INDArray epsilon) {
        SessionMemory memory = SessionMemory.install(sd);
        try {
            return sd.output(Map.of(INPUT, x, EPSILON, epsilon), CODES).get(CODES).toFloatMatrix();
        } finally {
            memory.freeAll();
        }
    }

    /**
     * Codes for {@code rows} (ε = 0.5: bit 1 where p &gt; 0.5), computed in batches of {@code batchSize}.
     */
    BinaryCodes encode(float[][] rows, int batchSize) {
        int n = rows.length;
        boolean[][] out = new boolean[n][];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            INDArray x = Batches.rows(rows, start, end);
            float[][] p = probabilities(x);
            x.close();
            for (int i = start; i < end; i++) {
                boolean[] code = new boolean[bits];
                for (int j = 0; j < bits; j++) {
                    code[j] = p[i - start][j] > 0.5f;
                }
                out[i] = code;
            }
        }
        return BinaryCodes.fromBooleans(out);
    }

    /** Copies of all parameters, by name. */
    Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : parameterNames) {
            m.put(name, sd.getArrForVarName(name).dup());
        }
        return m;
    }

    /** Sets all parameters from {@code values} (same names and shapes); {@code source} names them in errors. */
    void setParameters(Map<String, INDArray> values, String source) {
        checkSameArrays(values, parameterNames, name -> sd.getArrForVarName(name), source);
        for (String name : parameterNames) {
            sd.getArrForVarName(name).assign(values.get(name));
        }
    }

    /** Copies of Adam's moments, keyed {@code <parameter>#M} and {@code <parameter>#V}. */
    Map<String, INDArray> optimizerState() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, AdamUpdater> e : updaters.entrySet()) {
            m.put(e.getKey() + "#M", e.getValue().getM().dup());
            m.put(e.getKey() + "#V", e.getValue().getV().dup());
        }
        return m;
    }

    /** Restores Adam's moments and step count (after {@link #startTraining}). */
    void setOptimizerState(Map<String, INDArray> state, int iterations, String source) {
        List<String> keys = new ArrayList<>();
        for (String name : parameterNames) {
            keys.add(name + "#M");
            keys.add(name + "#V");
        }
        checkSameArrays(state, keys, key -> {
            AdamUpdater u = updaters.get(key.substring(0, key.length() - 2));
            return key.endsWith("#M") ? u.getM() : u.getV();
        }, source);
        for (Map.Entry<String, AdamUpdater> e : updaters.entrySet()) {
            e.getValue().getM().assign(state.get(e.getKey() + "#M"));
            e.getValue().getV().assign(state.get(e.getKey() + "#V"));
        }
        this.iteration = iterations;
    }

    private static void checkSameArrays(Map<String, INDArray> values, List<String> names,
            java.util.function.Function<String, INDArray> target, String source) {
        for (String name : names) {
            INDArray v = values.get(name);
            if (v == null) {
                throw new HashingException(source + ": missing array '" + name + "'");
            }
            INDArray t = target.apply(name);
            if (!Arrays.equals(v.shape(), t.shape())) {
                throw new HashingException(source + ": array '" + name + "' has shape " + Arrays.toString(v.shape())
                        + ", expected " + Arrays.toString(t.shape()));
            }
        }
    }
}
