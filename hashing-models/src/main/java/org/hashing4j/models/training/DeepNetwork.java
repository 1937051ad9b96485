package org.hashing4j.models.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.SeededInitializer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One deep hashing network as one SameDiff graph: input placeholder → {@link Backbone} → the
 * {@link DeepObjective}'s head and loss. Weights are drawn from the seed (backbone first, then the
 * head, in the order they are built), so the same seed gives the same network. Knows which
 * parameters belong to the backbone, so that they can train at another rate or be frozen.
 */
public final class DeepNetwork {
    /** The input placeholder: batch × inputDimension rows. */
    public static final String INPUT = "input";
    /** The labels placeholder (created by {@link DeepObjective.HeadBuilder#labels()}). */
    public static final String LABELS = "labels";

    private final SameDiff sd;
    private final Backbone backbone;
    private final DeepObjective objective;
    private final int bits;
    private final int numClasses;
    private final boolean multiLabel;
    private final DeepObjective.Head head;
    private final List<String> parameterNames;
    private final Set<String> backboneParameters;
    private final List<String> backboneConstants;

    /**
     * Builds the graph.
     *
     * @param numClasses classes of the training labels (0 for unlabelled data)
     */
    public DeepNetwork(Backbone backbone, DeepObjective objective, int bits, int numClasses, boolean multiLabel, long seed) {
        this(backbone, objective, bits, numClasses, multiLabel, seed, DataType.FLOAT);
    }

    /**
     * Builds the graph in {@code dataType}: FLOAT for training; DOUBLE lets tests compare losses and
     * gradients with plain-Java formulas and finite differences (identity backbone only, whose graph
     * has no float weights of its own).
     */
    DeepNetwork(Backbone backbone, DeepObjective objective, int bits, int numClasses, boolean multiLabel, long seed,
            DataType dataType) {
        this.backbone = backbone;
        this.objective = objective;
        this.bits = bits;
        this.numClasses = numClasses;
        this.multiLabel = multiLabel;
        this.sd = SameDiff.create();
        SeededInitializer init = new SeededInitializer(seed);
        SDVariable input = sd.placeHolder(INPUT, dataType, -1, backbone.inputDimension());
        Backbone.Features f = backbone.build(sd, input, init);
        this.backboneParameters = new LinkedHashSet<>(variables());
        this.backboneConstants = floatConstants();
        this.head = objective.build(new DeepObjective.HeadBuilder(sd, f.output(), f.dimension(), bits, numClasses,
                multiLabel, init, dataType));
        sd.setLossVariables(head.loss());
        this.parameterNames = List.copyOf(variables());
    }

    private List<String> variables() {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        return names;
    }

    /**
     * The backbone's floating-point constants: values that are not trained but belong to its weights
     * (an ImageNet backbone's batch-norm running statistics and input normalisation). Model files keep
     * them beside the parameters, so that a model rebuilt from its spec computes what it was trained as.
     */
    private List<String> floatConstants() {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT && v.dataType().isFPType()) {
                names.add(v.name());
            }
        }
        return List.copyOf(names);
    }

    /** Names of the backbone's floating-point constants (see {@link #constants()}), in graph order. */
    public List<String> constantNames() {
        return backboneConstants;
    }

    /** Copies of the backbone's floating-point constants, by name (empty for the small CNN, MLP and identity). */
    public Map<String, INDArray> constants() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : backboneConstants) {
            m.put(name, sd.getArrForVarName(name).dup());
        }
        return m;
    }

    /** Sets the backbone's constants from {@code values} (same names and shapes); {@code source} names them in errors. */
    public void setConstants(Map<String, INDArray> values, String source) {
        Map<String, INDArray> targets = new LinkedHashMap<>();
        for (String name : backboneConstants) {
            targets.put(name, sd.getArrForVarName(name));
        }
        DeepOptimizer.checkSameArrays(values, targets, source);
        targets.forEach((name, t) -> t.assign(values.get(name)));
    }

    public SameDiff graph() {
        return sd;
    }

    public Backbone backbone() {
        return backbone;
    }

    public DeepObjective objective() {
        return objective;
    }

    public int bits() {
        return bits;
    }

    public int numClasses() {
        return numClasses;
    }

    public boolean multiLabel() {
        return multiLabel;
    }

    public DeepObjective.Head head() {
        return head;
    }

    /** Names of the trainable parameters, in graph order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Whether {@code name} is a backbone parameter (trained at {@code backbone_lr_scale}). */
    public boolean isBackboneParameter(String name) {
        return backboneParameters.contains(name);
    }

    /** Whether the graph has a labels placeholder (the objective asked for labels). */
    public boolean usesLabels() {
        return sd.hasVariable(LABELS);
    }

    /**
     * Forward and backward on one batch.
     *
     * @param feed      placeholder values (input, labels if used, the objective's own)
     * @param outputs   outputs to return besides the gradients
     * @param gradients parameters to differentiate for
     */
    public OutAndGrad gradients(Map<String, INDArray> feed, List<String> outputs, List<String> gradients) {
        if (sd.getFunction("grad") == null) {
            createGradientGraphQuietly();
        }
        return sd.calculateGradientsAndOutputs(feed, outputs, gradients);
    }

    /** Frees the sessions' arrays after a step (see {@link SessionMemory}). */
    SessionMemory[] installMemory() {
        if (sd.getFunction("grad") == null) {
            createGradientGraphQuietly();
        }
        return new SessionMemory[] {SessionMemory.install(sd), SessionMemory.install(sd.getFunction("grad"))};
    }

    /**
     * Builds SameDiff's gradient graph. SameDiff 1.0.0-M2.1 prints one "Added differentiated op"
     * line per op to {@code System.out} while doing so, which would bury the command line's own
     * output; standard output is muted for that call only.
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

    /** Inference: {@code variables} for a batch {@code x} (only the input placeholder fed), copied to Java. */
    public Map<String, float[][]> output(INDArray x, String... variables) {
        SessionMemory memory = SessionMemory.install(sd);
        try {
            Map<String, INDArray> out = sd.output(Map.of(INPUT, x), variables);
            Map<String, float[][]> m = new LinkedHashMap<>();
            for (String v : variables) {
                m.put(v, out.get(v).toFloatMatrix());
            }
            return m;
        } finally {
            memory.freeAll();
        }
    }

    /** Codes for {@code rows}, computed in batches of {@code batchSize} (the result does not depend on it). */
    public BinaryCodes encode(float[][] rows, int batchSize) {
        int n = rows.length;
        boolean[][] out = new boolean[n][];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            INDArray x = Batches.rows(rows, start, end);
            boolean[][] c = codes(x);
            x.close();
            System.arraycopy(c, 0, out, start, end - start);
        }
        return BinaryCodes.fromBooleans(out);
    }

    /** The codes of one batch of input rows (batch × inputDimension), as the head's encoding reads them. */
    public boolean[][] codes(INDArray x) {
        DeepObjective.Encoding enc = head.encoding();
        float[][] v = output(x, enc.variable()).get(enc.variable());
        boolean[][] out = new boolean[v.length][];
        for (int i = 0; i < v.length; i++) {
            boolean[] code = new boolean[bits];
            for (int j = 0; j < bits; j++) {
                code[j] = enc.bit(v[i][j]);
            }
            out[i] = code;
        }
        return out;
    }

    /** Copies of all parameters, by name. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : parameterNames) {
            m.put(name, sd.getArrForVarName(name).dup());
        }
        return m;
    }

    /** Sets all parameters from {@code values} (same names and shapes); {@code source} names them in errors. */
    public void setParameters(Map<String, INDArray> values, String source) {
        Map<String, INDArray> targets = new LinkedHashMap<>();
        for (String name : parameterNames) {
            targets.put(name, sd.getArrForVarName(name));
        }
        DeepOptimizer.checkSameArrays(values, targets, source);
        targets.forEach((name, t) -> t.assign(values.get(name)));
    }

    /** The live parameter array (updated in place by the optimiser). */
    INDArray parameter(String name) {
        INDArray a = sd.getArrForVarName(name);
        if (a == null) {
            throw new HashingException("no parameter " + name);
        }
        return a;
    }
}
