package org.hashing4j.models.nets;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws initial weights from its own seeded generator (not ND4J's global one), so that the same
 * seed gives the same network whatever else ran in the JVM before. Layers ask for their tensors in
 * a fixed order while the graph is built, which makes the whole network a function of the seed.
 */
public final class SeededInitializer {
    private final SplittableRandom random;

    public SeededInitializer(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * He (Kaiming) uniform, U(±√(6 / fanIn)): keeps activation variance through ReLU layers.
     */
    public INDArray heUniform(int fanIn, long... shape) {
        return uniform(Math.sqrt(6.0 / fanIn), shape);
    }

    /** Glorot (Xavier) uniform, U(±√(6 / (fanIn + fanOut))): for layers without ReLU after them. */
    public INDArray glorotUniform(int fanIn, int fanOut, long... shape) {
        return uniform(Math.sqrt(6.0 / (fanIn + fanOut)), shape);
    }

    /** N(0, std²) entries (FIRe's hash-layer initialisation, std 0.01). */
    public INDArray normal(double std, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (gaussian() * std);
        }
        return Nd4j.create(v, shape, 'c');
    }

    private double gaussian() {
        // Box–Muller on the seeded stream (SplittableRandom has no nextGaussian on Java 17).
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** All zeros (biases). */
    public INDArray zeros(long... shape) {
        return Nd4j.zeros(DataType.FLOAT, shape);
    }

    private INDArray uniform(double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return Nd4j.create(v, shape, 'c');
    }
}
