package org.hashing4j.models.methods.jmlh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.training.DeepNetwork;
import org.hashing4j.models.training.DeepOptimizer;
import org.hashing4j.models.training.SessionMemory;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The JMLH network: a {@link DeepNetwork} with {@link JmlhObjective}'s head (backbone → fc(bits) →
 * stochastic binary neuron → fc(#classes), loss = cross-entropy + λ·KL). Training goes through the
 * shared {@code training.DeepTrainer}; this class adds JMLH's views of the graph (sampled codes,
 * bit probabilities) and a bare Adam step for benchmarks.
 */
final class JmlhNetwork {
    static final String INPUT = DeepNetwork.INPUT;
    static final String LABELS = DeepNetwork.LABELS;

    private final DeepNetwork network;
    private final JmlhObjective objective;
    private DeepOptimizer adam;
    private double learningRate;
    private int iteration;

    /** Builds the graph with weights drawn from {@code seed}; {@code lambda} weighs the KL term. */
    JmlhNetwork(Backbone backbone, int bits, int numClasses, boolean multiLabel, double lambda, long seed) {
        this.objective = new JmlhObjective(lambda);
        this.network = new DeepNetwork(backbone, objective, bits, numClasses, multiLabel, seed);
    }

    /** Wraps a network trained by the shared trainer. */
    JmlhNetwork(DeepNetwork network) {
        this.network = network;
        this.objective = (JmlhObjective) network.objective();
    }

    DeepNetwork network() {
        return network;
    }

    Backbone backbone() {
        return network.backbone();
    }

    int bits() {
        return network.bits();
    }

    int numClasses() {
        return network.numClasses();
    }

    boolean multiLabel() {
        return network.multiLabel();
    }

    double lambda() {
        return objective.lambda();
    }

    List<String> parameterNames() {
        return network.parameterNames();
    }

    /** Switches on a bare Adam (for benchmarks; training runs use the shared trainer). */
    void startTraining(double learningRate) {
        this.learningRate = learningRate;
        this.adam = new DeepOptimizer("adam", 0, false, 0, liveParameters());
        this.iteration = 0;
    }

    private Map<String, INDArray> liveParameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : network.parameterNames()) {
            m.put(name, network.graph().getArrForVarName(name));
        }
        return m;
    }

    /** One Adam step on a batch with noise ε; returns the loss before the step. */
    double step(INDArray x, INDArray labels, INDArray epsilon) {
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put(INPUT, x);
        feed.put(LABELS, labels);
        feed.put(JmlhObjective.EPSILON, epsilon);
        OutAndGrad r = network.gradients(feed, List.of(JmlhObjective.LOSS), network.parameterNames());
        Map<String, INDArray> live = liveParameters();
        for (String name : network.parameterNames()) {
            adam.step(name, live.get(name), r.getGradients().get(name), learningRate, iteration);
        }
        iteration++;
        return r.getOutputs().get(JmlhObjective.LOSS).getDouble(0);
    }

    /** The neuron's output b for a batch with the given noise ε (training mode when ε is uniform noise). */
    float[][] sampledCodes(INDArray x, INDArray epsilon) {
        SessionMemory memory = SessionMemory.install(network.graph());
        try {
            return network.graph().output(Map.of(INPUT, x, JmlhObjective.EPSILON, epsilon), JmlhObjective.CODES)
                    .get(JmlhObjective.CODES).toFloatMatrix();
        } finally {
            memory.freeAll();
        }
    }

    /** Bit probabilities p = sigmoid(u) for a batch. */
    float[][] probabilities(INDArray x) {
        return network.output(x, JmlhObjective.CODE_PROBABILITIES).get(JmlhObjective.CODE_PROBABILITIES);
    }

    /** Codes for {@code rows} (bit 1 where p &gt; 0.5), computed in batches of {@code batchSize}. */
    BinaryCodes encode(float[][] rows, int batchSize) {
        return network.encode(rows, batchSize);
    }

    Map<String, INDArray> parameters() {
        return network.parameters();
    }

    void setParameters(Map<String, INDArray> values, String source) {
        network.setParameters(values, source);
    }
}
