package org.hashing4j.models.methods.bdnn;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.models.optim.DifferentiableFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A full-batch DL4J ComputationGraph as a function of (some of) its parameters, for L-BFGS:
 * J(θ) = the sum of the graph's output-layer scores (each already divided by the batch size m by
 * DL4J) + λ1/2 Σ‖W_l‖² over the weight matrices of the decayed layers. The variables are the
 * parameters of the {@code trainable} layers, in the graph's flattened order; the other parameters
 * stay fixed (their terms still count in J).
 *
 * <p>Gradient scaling: {@code computeGradientAndScore} leaves the gradient of the summed (not yet
 * divided) loss in the network's gradient array — DL4J's updater is what divides by the minibatch
 * size during normal training — so it is divided by m here. Weight decay is added here rather than
 * through DL4J's l2 because DL4J's SameDiffOutputLayer divides the regularisation score by m as well,
 * which would make the score and its gradient disagree.
 */
final class GraphObjective implements DifferentiableFunction {
    private final ComputationGraph graph;
    private final List<String> decayedLayers;
    private final double lambda1;
    /** [start, end) ranges of the variables in the flattened parameter vector. */
    private final List<long[]> ranges = new ArrayList<>();
    private final int size;
    private INDArray[] inputs;
    private INDArray[] labels;

    /** All parameters of the graph are variables. */
    GraphObjective(ComputationGraph graph, List<String> decayedLayers, double lambda1) {
        this(graph, decayedLayers, lambda1, null);
    }

    /** Only the parameters of {@code trainable} (null: all) are variables. */
    GraphObjective(ComputationGraph graph, List<String> decayedLayers, double lambda1, List<String> trainable) {
        this.graph = graph;
        this.lambda1 = lambda1;
        this.decayedLayers = decayedLayers.stream().filter(l -> BdnnTraining.hasLayer(graph, l)).toList();
        INDArray flat = graph.params();
        if (trainable == null) {
            ranges.add(new long[] {0, flat.length()});
        } else {
            for (String l : trainable) {
                INDArray p = graph.getLayer(l).params();
                long start = p.offset() - flat.offset();
                ranges.add(new long[] {start, start + p.length()});
            }
        }
        long n = 0;
        for (long[] r : ranges) {
            n += r[1] - r[0];
        }
        this.size = Math.toIntExact(n);
    }

    /** Sets the data: network inputs and, per output layer in order, its labels (null where none). */
    void setData(INDArray[] inputs, INDArray[] labels) {
        this.inputs = inputs;
        this.labels = labels;
    }

    ComputationGraph graph() {
        return graph;
    }

    /** Number of variables. */
    int size() {
        return size;
    }

    /** Current values of the variables. */
    double[] parameters() {
        return gather(graph.params());
    }

    void setParameters(double[] x) {
        INDArray flat = graph.params();
        int k = 0;
        for (long[] r : ranges) {
            int len = (int) (r[1] - r[0]);
            double[] part = java.util.Arrays.copyOfRange(x, k, k + len);
            INDArray view = flat.rank() == 1 ? flat.get(NDArrayIndex.interval(r[0], r[1]))
                    : flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(r[0], r[1]));
            view.assign(Nd4j.createFromArray(part).castTo(flat.dataType()));
            k += len;
        }
    }

    private double[] gather(INDArray flat) {
        double[] all = flat.castTo(DataType.DOUBLE).toDoubleVector();
        double[] out = new double[size];
        int k = 0;
        for (long[] r : ranges) {
            int len = (int) (r[1] - r[0]);
            System.arraycopy(all, (int) r[0], out, k, len);
            k += len;
        }
        return out;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        setParameters(x);
        graph.setInputs(inputs);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        double value = graph.score();
        long m = inputs[0].size(0);
        INDArray flat = graph.gradient().gradient();
        flat.divi(m);
        for (String layer : decayedLayers) {
            INDArray w = graph.getLayer(layer).getParam("W");
            double norm = w.norm2Number().doubleValue();
            value += 0.5 * lambda1 * norm * norm;
            graph.gradient().getGradientFor(layer + "_W").addi(w.mul(lambda1));
        }
        System.arraycopy(gather(flat), 0, gradient, 0, size);
        graph.clearLayersStates();
        return value;
    }

    /** J at the current parameters (one evaluation, gradient discarded). */
    double value() {
        return valueAndGradient(parameters(), new double[size]);
    }
}
