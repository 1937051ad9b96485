package org.hashing4j.models.nets.samediff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hashing4j.models.nets.ComputeBackend;
import org.hashing4j.models.nets.SeededInitializer;
import org.hashing4j.models.training.SessionMemory;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Speed of the SameDiff backbones at 224×224 beside {@code reference/backbone_speed.py NET BATCH THREADS}
 * (PyTorch): forward images/s (frozen backbone, feature extraction) and training images/s (forward,
 * backward and an Adam step of the whole network with a 32-output linear head and a mean squared
 * error loss against random targets — what the PyTorch script does). Random weights and pixels; one
 * warm-up call, then 3 forward and 2 training repetitions, as the PyTorch script. Not a unit test:
 * <pre>
 * OMP_NUM_THREADS=2 java -cp "$(cat cp.txt)" org.hashing4j.models.nets.samediff.BackboneGraphSpeed resnet50 16 [profile]
 * </pre>
 * With {@code profile}, the time of every op type (forward and backward) in the training steps is
 * printed, largest first.
 */
public final class BackboneGraphSpeed {
    private BackboneGraphSpeed() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "resnet50";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        boolean profile = args.length > 2 && args[2].equals("profile");
        GraphBackbone net = GraphBackbones.create(name);
        BackboneGraph g = BackboneGraph.build(net, BackboneWeights.random(0), 224, 224, null, null);
        SameDiff sd = g.sameDiff();
        SDVariable f = g.features();
        long d = sd.getArrForVarName(g.trainableVariables().get(g.trainableVariables().size() - 1)).length();
        SeededInitializer init = new SeededInitializer(1);
        SDVariable w = sd.var("head/W", init.glorotUniform((int) d, 32, d, 32));
        SDVariable b = sd.var("head/b", init.zeros(32));
        SDVariable out = sd.mmul(f, w).add("head/out", b); // as the graphs' dense layers (GraphBuilder.dense)
        SDVariable y = sd.placeHolder("target", DataType.FLOAT, -1, 32);
        sd.math.squaredDifference(out, y).mean().rename("loss");
        Nd4j.getRandom().setSeed(0);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, 224, 224);
        INDArray target = Nd4j.randn(DataType.FLOAT, batch, 32);
        Map<String, INDArray> feed = Map.of(BackboneGraph.INPUT, x, "target", target);

        double fwd = rate(batch, 3, () -> {
            SessionMemory m = SessionMemory.install(sd);
            try {
                sd.output(Map.of(BackboneGraph.INPUT, x), "head/out");
            } finally {
                m.freeAll();
            }
        });

        List<String> params = new ArrayList<>(g.trainableVariables());
        params.add("head/W");
        params.add("head/b");
        Map<String, AdamUpdater> adam = new HashMap<>();
        for (String p : params) {
            INDArray a = sd.getArrForVarName(p);
            AdamUpdater u = new AdamUpdater(new Adam(1e-4));
            u.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * a.length()), a.shape(), a.ordering(), true);
            adam.put(p, u);
        }
        sd.createGradFunction("loss");
        OpTimer timer = new OpTimer();
        int[] iter = {0};
        long[] split = new long[2]; // nanoseconds in calculateGradients, in the updater
        Runnable step = () -> {
            SessionMemory m1 = SessionMemory.install(sd);
            SessionMemory m2 = SessionMemory.install(sd.getFunction("grad"));
            try {
                long t0 = System.nanoTime();
                Map<String, INDArray> grads = sd.calculateGradients(feed, params);
                long t1 = System.nanoTime();
                for (String p : params) {
                    INDArray gr = grads.get(p);
                    adam.get(p).applyUpdater(gr, iter[0], 0);
                    sd.getArrForVarName(p).subi(gr);
                }
                iter[0]++;
                split[0] += t1 - t0;
                split[1] += System.nanoTime() - t1;
            } finally {
                m1.freeAll();
                m2.freeAll();
            }
        };
        double trn;
        if (profile) {
            step.run();
            split[0] = 0;
            split[1] = 0;
            sd.setListeners(timer);
            sd.getFunction("grad").setListeners(timer);
            trn = rate(batch, 2, step, false);
        } else {
            trn = rate(batch, 2, step);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("peer", "hashing4j-samediff");
        r.put("net", name);
        r.put("batch", batch);
        r.put("backend", ComputeBackend.describe());
        r.put("forward_img_s", round(fwd));
        r.put("train_img_s", round(trn));
        System.out.println(r);
        if (profile) {
            System.out.printf(Locale.ROOT, "per training step: calculateGradients %.2f s, Adam update %.2f s%n",
                    split[0] / 1e9 / 2, split[1] / 1e9 / 2);
            timer.print(2);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double rate(int batch, int reps, Runnable fn) {
        return rate(batch, reps, fn, true);
    }

    private static double rate(int batch, int reps, Runnable fn, boolean warmUp) {
        if (warmUp) {
            fn.run();
        }
        long s = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            fn.run();
        }
        return batch * reps / ((System.nanoTime() - s) / 1e9);
    }

    /** Wall time per op type, summed over the profiled steps. */
    static final class OpTimer extends BaseListener {
        private final Map<String, long[]> byOp = new TreeMap<>();
        private long start;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            start = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                INDArray[] outputs) {
            long t = System.nanoTime() - start;
            long[] v = byOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
            v[0] += t;
            v[1]++;
        }

        void print(int steps) {
            long total = byOp.values().stream().mapToLong(v -> v[0]).sum();
            System.out.printf(Locale.ROOT, "op times per training step (total %.2f s):%n", total / 1e9 / steps);
            byOp.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(15)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %7.3f s  %5.1f%%  (%d calls)%n", e.getKey(),
                            e.getValue()[0] / 1e9 / steps, 100.0 * e.getValue()[0] / total, e.getValue()[1] / steps));
        }
    }
}
