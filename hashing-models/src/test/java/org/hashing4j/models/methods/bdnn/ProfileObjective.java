package org.hashing4j.models.methods.bdnn;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.models.MethodConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scratch: wall and CPU time of one objective evaluation on Fashion-MNIST, by training-set size. */
public final class ProfileObjective {
    public static void main(String[] args) {
        FeatureSet all = Datasets.load("fashion-mnist", "standard", 1, null).train();
        for (String a : args) {
            int m = Integer.parseInt(a);
            FeatureSet train = all.select(java.util.stream.IntStream.range(0, m).toArray(), "sub");
            BdnnSettings s = BdnnSettings.unsupervised("uh-bdnn", new MethodConfig(32, 1, Map.of()));
            INDArray x = MinRangeScaler.fit(train.features()).apply(train.features(), s.dataType);
            INDArray b = BdnnTraining.signMatrix(org.nd4j.linalg.factory.Nd4j.randn(s.dataType, m, 32));
            for (boolean withRecon : new boolean[] {true, false}) {
                ComputationGraph g = withRecon ? BdnnNetworks.unsupervised(784, s) : BdnnNetworks.supervised(784,
                        BdnnSettings.supervised("sh-bdnn", new MethodConfig(32, 1, Map.of())));
                GraphObjective f = new GraphObjective(g, BdnnNetworks.WEIGHT_LAYERS, s.lambda1, BdnnTraining.encoderLayers());
                if (withRecon) {
                    f.setData(new INDArray[] {x, b}, BdnnTraining.labelsFor(g, Map.of(BdnnNetworks.EQUALITY, b, BdnnNetworks.RECONSTRUCTION, x)));
                } else {
                    INDArray y = org.nd4j.linalg.factory.Nd4j.zeros(s.dataType, m, 10);
                    for (int i = 0; i < m; i++) {
                        y.putScalar(i, train.labels().classOf(i), 1);
                    }
                    f.setData(new INDArray[] {x}, BdnnTraining.labelsFor(g, Map.of(BdnnNetworks.PAIRWISE, y, BdnnNetworks.EQUALITY, b)));
                }
                double[] p = f.parameters();
                g.setInputs(withRecon ? new INDArray[] {x, b} : new INDArray[] {x});
                double[] grad = new double[p.length];
                f.valueAndGradient(p, grad);
                var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                int reps = Integer.getInteger("reps", 5);
                long cpu0 = bean.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    f.valueAndGradient(p, grad);
                }
                double wall = (System.nanoTime() - t0) / 1e9 / reps;
                double cpu = (bean.getProcessCpuTime() - cpu0) / 1e9 / reps;
                long t1 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    f.setParameters(p);
                }
                long t2 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    g.computeGradientAndScore();
                }
                long t3 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    f.parameters();
                }
                long t4 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    g.feedForward(false);
                }
                long t5 = System.nanoTime();
                System.out.printf(java.util.Locale.ROOT, "  set %.4f  cgs %.4f  get %.4f  ff %.4f%n", (t2 - t1) / 1e9 / reps,
                        (t3 - t2) / 1e9 / reps, (t4 - t3) / 1e9 / reps, (t5 - t4) / 1e9 / reps);
                System.out.printf(java.util.Locale.ROOT, "PROFILE m=%d %s: %.3f s wall, %.3f s CPU per evaluation%n", m,
                        withRecon ? "uh graph" : "sh graph", wall, cpu);
            }
        }
    }
}
