package org.hashing4j.models.nets.samediff;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.Npz;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The cases of the torchvision comparison and their inputs: seeded weights in torchvision's key names
 * and shapes (written as the {@code .npz} a user would export) and a seeded input batch. Both are
 * regenerated identically on every run, so the committed expected outputs (made by
 * {@code make_fixture.py} running torchvision on these files) stay valid without committing the
 * weights themselves (tens of MB).
 */
final class TorchvisionFixtures {
    /** One comparison: network, input size, cut layer. */
    record Case(String id, GraphBackbone net, int size, String layer) {
    }

    static final int BATCH = 2;

    static final List<Case> CASES = List.of(
            new Case("alexnet-224-fc6", new AlexNetGraph(), 224, "fc6"),
            new Case("vgg16-32-pool5", new Vgg16Graph(), 32, "pool5"),
            new Case("resnet18-32-avgpool", new ResNet18Graph(), 32, "avgpool"),
            new Case("resnet50-32-layer2", new ResNet50Graph(), 32, "layer2"));

    private TorchvisionFixtures() {
    }

    /** Writes {@code <id>.npz} (weights) and {@code <id>-input.npz} (key "input", NCHW) into {@code dir}. */
    static void write(Case c, Path dir) {
        BackboneGraph shapes = BackboneGraph.build(c.net(), BackboneWeights.random(0), c.size(), c.size(), c.layer(), null);
        SameDiff sd = shapes.sameDiff();
        SplittableRandom r = new SplittableRandom(c.id().hashCode());
        Map<String, Npz.FloatArray> w = new LinkedHashMap<>();
        for (ParamLayer p : shapes.params()) {
            String k = p.torchKey();
            switch (p.kind()) {
                case CONV: {
                    long[] s = sd.getArrForVarName(shapes.varName(p, "W")).shape(); // kH, kW, in, out
                    w.put(k + ".weight", uniform(r, Math.sqrt(6.0 / (s[0] * s[1] * s[2])), s[3], s[2], s[0], s[1]));
                    if (p.bias()) {
                        w.put(k + ".bias", uniform(r, 0.1, s[3]));
                    }
                    if (p.bn() != null) {
                        String n = p.bn().torchKey();
                        w.put(n + ".weight", shifted(uniform(r, 0.5, s[3]), 1));
                        w.put(n + ".bias", uniform(r, 0.1, s[3]));
                        w.put(n + ".running_mean", uniform(r, 0.1, s[3]));
                        w.put(n + ".running_var", shifted(uniform(r, 0.5, s[3]), 1));
                    }
                    break;
                }
                default: {
                    long[] s = sd.getArrForVarName(shapes.varName(p, "W")).shape(); // in, out
                    w.put(k + ".weight", uniform(r, Math.sqrt(6.0 / s[0]), s[1], s[0]));
                    w.put(k + ".bias", uniform(r, 0.1, s[1]));
                }
            }
        }
        Npz.writeFloat32(dir.resolve(c.id() + ".npz"), w);
        Npz.FloatArray x = shifted(uniform(r, 0.5, BATCH, 3, c.size(), c.size()), 0.5);
        Npz.writeFloat32(dir.resolve(c.id() + "-input.npz"), Map.of("input", x));
    }

    private static Npz.FloatArray uniform(SplittableRandom r, double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
        }
        return new Npz.FloatArray(shape, v);
    }

    private static Npz.FloatArray shifted(Npz.FloatArray a, double by) {
        float[] v = a.data();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) by;
        }
        return a;
    }
}
