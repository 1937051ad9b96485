package org.hashing4j.models.jmlh;
import org.hashing4j.models.backbone.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.buffer.DataType;
import java.util.*;
public final class DebugSpeed {
  public static void main(String[] a) {
    int steps = Integer.parseInt(a[0]);
    for (int batch : new int[]{256, 32}) {
      JmlhNetwork net = new JmlhNetwork(new MlpBackbone(784, 1024, 512), 32, 10, false, 0.1, 1);
      net.startTraining(1e-3);
      INDArray x = Nd4j.rand(DataType.FLOAT, batch, 784);
      int[] idx = new int[batch]; int[] lab = new int[batch];
      for (int i = 0; i < batch; i++) { idx[i] = i; lab[i] = i % 10; }
      INDArray y = Batches.labels(org.hashing4j.core.Labels.singleLabel(lab), 10, idx, 0, batch);
      INDArray eps = Batches.uniformNoise(batch, 32, new java.util.SplittableRandom(1));
      Map<String, INDArray> feed = Map.of("input", x, "labels", y, "epsilon", eps);
      var sd = net.graph();
      for (int i = 0; i < 2; i++) net.step(x, y, eps);
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) sd.calculateGradientsAndOutputs(feed, List.of("loss"), net.parameterNames());
      long t1 = System.nanoTime();
      for (int i = 0; i < steps; i++) sd.output(feed, "loss");
      long t2 = System.nanoTime();
      for (int i = 0; i < steps; i++) net.step(x, y, eps);
      long t3 = System.nanoTime();
      // raw ND4J forward+backward-ish matmuls for comparison
      INDArray W1 = Nd4j.rand(DataType.FLOAT, 784, 1024), W2 = Nd4j.rand(DataType.FLOAT, 1024, 512);
      for (int i = 0; i < steps; i++) { INDArray h = x.mmul(W1); INDArray h2 = h.mmul(W2); h2.mmul(W2.transpose()); x.transpose().mmul(h); h.transpose().mmul(h2); h.mmul(W1.transpose()); }
      long t4 = System.nanoTime();
      var r = sd.calculateGradientsAndOutputs(feed, List.of("loss"), net.parameterNames());
      long t5 = System.nanoTime();
      org.nd4j.linalg.learning.AdamUpdater[] ups = new org.nd4j.linalg.learning.AdamUpdater[net.parameterNames().size()];
      for (int k = 0; k < ups.length; k++) { INDArray p = sd.getArrForVarName(net.parameterNames().get(k)); ups[k] = new org.nd4j.linalg.learning.AdamUpdater(new org.nd4j.linalg.learning.config.Adam(1e-3)); ups[k].setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p.length()), p.shape(), 'c', true); }
      long t6 = System.nanoTime();
      for (int i = 0; i < steps; i++) { int k = 0; for (String n : net.parameterNames()) { INDArray g = r.getGradients().get(n).dup(); ups[k++].applyUpdater(g, i, 0); } }
      long t7 = System.nanoTime();
      for (int i = 0; i < steps; i++) { for (String n : net.parameterNames()) { sd.getArrForVarName(n).subi(r.getGradients().get(n).mul(1e-9)); } }
      long t8 = System.nanoTime();
      System.out.printf("  adam only %.1f ms, subi only %.1f ms%n", (t7-t6)/1e6/steps, (t8-t7)/1e6/steps);
      System.out.printf("batch %d: grads %.1f ms, forward %.1f ms, step %.1f ms, raw 6 matmuls %.1f ms%n", batch, (t1-t0)/1e6/steps, (t2-t1)/1e6/steps, (t3-t2)/1e6/steps, (t4-t3)/1e6/steps);
    }
  }
}
