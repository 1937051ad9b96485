package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.training.Batches;

import java.util.SplittableRandom;
import org.hashing4j.models.nets.Backbone;
import org.hashing4j.models.nets.MlpBackbone;
import org.hashing4j.models.nets.SmallCnnBackbone;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Not a unit test: measures JMLH training and encoding speed (images/s) on random 28×28 data for
 * each backbone/layout/batch size. Run by hand:
 * {@code java -cp <test-classes>:<classes>:<deps> org.hashing4j.models.methods.jmlh.JmlhSpeedBenchmark [steps]}.
 */
public final class JmlhSpeedBenchmark {
    static String rss() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?").replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String only = args.length > 1 ? args[1] : "";
        Nd4j.create(1);
        System.out.println(org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo()
                .replace('\n', ' '));
        int[] shape = {1, 28, 28};
        for (String variant : new String[] {"cnn-nhwc", "cnn-nchw", "mlp"}) {
            if (!variant.startsWith(only)) {
                continue;
            }
            for (int batch : new int[] {256, 128}) {
                Backbone bb = switch (variant) {
                    case "cnn-nhwc" -> new SmallCnnBackbone(shape, SmallCnnBackbone.Layout.NHWC);
                    case "cnn-nchw" -> new SmallCnnBackbone(shape, SmallCnnBackbone.Layout.NCHW);
                    default -> new MlpBackbone(784, MlpBackbone.DEFAULT_HIDDEN);
                };
                JmlhNetwork net = new JmlhNetwork(bb, 32, 10, false, 0.1, 1);
                net.startTraining(1e-3);
                SplittableRandom r = new SplittableRandom(2);
                INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, 784);
                int[] idx = new int[batch];
                INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, 10);
                for (int i = 0; i < batch; i++) {
                    y.putScalar(i, r.nextInt(10), 1f);
                }
                for (int i = 0; i < 3; i++) {
                    net.step(x, y, Batches.uniformNoise(batch, 32, r));
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    net.step(x, y, Batches.uniformNoise(batch, 32, r));
                }
                double s = (System.nanoTime() - t0) / 1e9;
                float[][] rows = new float[5000][784];
                long t1 = System.nanoTime();
                net.encode(rows, 1000);
                double e = (System.nanoTime() - t1) / 1e9;
                System.out.printf("%-9s batch %3d: train %7.0f img/s, encode %7.0f img/s, RSS %s%n", variant, batch,
                        steps * batch / s, 5000 / e, rss());
            }
        }
    }
}
