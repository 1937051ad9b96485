package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.hashing4j.models.nets.IdentityBackbone;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks a {@link DeepObjective} on tiny arrays: the head sits on the identity backbone, the whole
 * graph is converted to double precision, and tests compare its loss with the paper's formula
 * evaluated in plain Java doubles, and its gradients with central finite differences of that Java
 * formula (for straight-through ops, of the surrogate the straight-through gradient belongs to).
 */
public final class ObjectiveHarness {
    private final DeepNetwork net;
    private final DeepObjective objective;

    public ObjectiveHarness(DeepObjective objective, int dim, int bits, int numClasses, boolean multiLabel, long seed) {
        this.objective = objective;
        this.net = new DeepNetwork(new IdentityBackbone(dim), objective, bits, numClasses, multiLabel, seed, DataType.DOUBLE);
    }

    public DeepNetwork network() {
        return net;
    }

    /** The parameters as double matrices (a bias of length n is 1 × n). */
    public Map<String, double[][]> parameters() {
        Map<String, double[][]> m = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : net.parameters().entrySet()) {
            INDArray a = e.getValue();
            m.put(e.getKey(), a.rank() == 1 ? new double[][] {a.toDoubleVector()} : a.toDoubleMatrix());
        }
        return m;
    }

    /** Sets a parameter from a double matrix (1 × n for a bias). */
    public void set(String name, double[][] value) {
        INDArray t = net.graph().getArrForVarName(name);
        INDArray v = Nd4j.create(value).castTo(t.dataType());
        t.assign(t.rank() == 1 ? v.reshape(t.length()) : v);
    }

    /**
     * The feed for one batch: input, labels (when the graph uses them), and the objective's own
     * placeholders for a batch of these items (epoch 0, batch 0, draws from {@code seed}), all double.
     */
    public Map<String, INDArray> feed(double[][] x, double[][] labels, int[] items, long seed) {
        INDArray in = Nd4j.create(x).castTo(DataType.FLOAT);
        INDArray y = labels == null ? null : Nd4j.create(labels).castTo(DataType.FLOAT);
        DeepObjective.Batch batch = new DeepObjective.Batch(0, 0, items, in, y, new SplittableRandom(seed));
        Map<String, INDArray> feed = new LinkedHashMap<>();
        INDArray views = objective.trainingInput(batch);
        feed.put(DeepNetwork.INPUT, views == in ? Nd4j.create(x) : views.castTo(DataType.DOUBLE));
        if (y != null && net.usesLabels()) {
            feed.put(DeepNetwork.LABELS, Nd4j.create(labels));
        }
        for (Map.Entry<String, INDArray> e : objective.feed(batch).entrySet()) {
            feed.put(e.getKey(), e.getValue().castTo(DataType.DOUBLE));
        }
        return feed;
    }

    /** The graph's loss on {@code feed}. */
    public double loss(Map<String, INDArray> feed) {
        return value(net.head().loss().name(), feed)[0][0];
    }

    /** One of the head's named terms on {@code feed}. */
    public double term(String term, Map<String, INDArray> feed) {
        return value(net.head().terms().get(term).name(), feed)[0][0];
    }

    /** Any graph variable on {@code feed}, as a double matrix. */
    public double[][] value(String variable, Map<String, INDArray> feed) {
        SessionMemory memory = SessionMemory.install(net.graph());
        try {
            INDArray a = net.graph().output(feed, variable).get(variable);
            return a.rank() == 0 ? new double[][] {{a.getDouble(0)}}
                    : a.rank() == 1 ? new double[][] {a.toDoubleVector()} : a.toDoubleMatrix();
        } finally {
            memory.freeAll();
        }
    }

    /** The graph's gradients of the loss, as double matrices. */
    public Map<String, double[][]> gradients(Map<String, INDArray> feed) {
        SessionMemory[] memory = net.installMemory();
        try {
            OutAndGrad r = net.gradients(feed, List.of(net.head().loss().name()), net.parameterNames());
            Map<String, double[][]> m = new LinkedHashMap<>();
            for (String p : net.parameterNames()) {
                INDArray g = r.getGradients().get(p);
                assertNotNull(g, "no gradient for " + p);
                m.put(p, g.rank() == 1 ? new double[][] {g.toDoubleVector()} : g.toDoubleMatrix());
            }
            return m;
        } finally {
            memory[0].freeAll();
            memory[1].freeAll();
        }
    }

    /**
     * Asserts that the graph's gradients equal central differences (step 1e-6) of {@code javaLoss}
     * at the current parameters, entry by entry, within {@code tolerance} (absolute + relative).
     */
    public void assertGradientsMatch(Map<String, INDArray> feed, ToDoubleFunction<Map<String, double[][]>> javaLoss,
            double tolerance) {
        Map<String, double[][]> grads = gradients(feed);
        Map<String, double[][]> params = parameters();
        double h = 1e-6;
        for (Map.Entry<String, double[][]> e : params.entrySet()) {
            double[][] p = e.getValue();
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[i].length; j++) {
                    double keep = p[i][j];
                    p[i][j] = keep + h;
                    double up = javaLoss.applyAsDouble(params);
                    p[i][j] = keep - h;
                    double down = javaLoss.applyAsDouble(params);
                    p[i][j] = keep;
                    double fd = (up - down) / (2 * h);
                    double g = grads.get(e.getKey())[i][j];
                    assertEquals(fd, g, tolerance * (1 + Math.abs(fd)), e.getKey() + "[" + i + "][" + j + "]");
                }
            }
        }
    }

    // ---- plain-Java helpers for writing the papers' formulas ----

    /** x·W + b. */
    public static double[][] affine(double[][] x, double[][] w, double[][] b) {
        double[][] out = new double[x.length][w[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < w[0].length; k++) {
                double s = b == null ? 0 : b[0][k];
                for (int d = 0; d < w.length; d++) {
                    s += x[i][d] * w[d][k];
                }
                out[i][k] = s;
            }
        }
        return out;
    }

    /** −Σ_c t_c log softmax(z)_c with t = y normalised to sum 1. */
    public static double crossEntropy(double[] z, double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double lse = max + Math.log(sum);
        double ys = 0;
        for (double v : y) {
            ys += v;
        }
        double ce = 0;
        for (int c = 0; c < z.length; c++) {
            ce -= y[c] / ys * (z[c] - lse);
        }
        return ce;
    }

    public static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double cosine(double[] a, double[] b) {
        return dot(a, b) / (Math.sqrt(dot(a, a)) * Math.sqrt(dot(b, b)) + 1e-8);
    }

    /** A rows × cols matrix of N(0, scale²) entries from {@code seed}. */
    public static double[][] gaussian(int rows, int cols, double scale, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian() * scale;
            }
        }
        return m;
    }

    /** One-hot rows of {@code classes}. */
    public static double[][] oneHot(int[] classes, int numClasses) {
        double[][] y = new double[classes.length][numClasses];
        for (int i = 0; i < classes.length; i++) {
            y[i][classes[i]] = 1;
        }
        return y;
    }

    /** 0, 1, ..., n−1. */
    public static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }
}
