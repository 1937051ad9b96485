package org.hashing4j.models.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class BackbonesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static INDArray run(Backbone b, int rows) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, b.inputDimension());
        Backbone.Features f = b.build(sd, in, new SeededInitializer(3));
        INDArray out = sd.output(Map.of("in", Nd4j.rand(DataType.FLOAT, rows, b.inputDimension())), f.output().name())
                .get(f.output().name());
        assertArrayEquals(new long[] {rows, f.dimension()}, out.shape());
        return out;
    }

    @Test
    void smallCnnGivesFiveHundredFeaturesFor28x28InBothLayouts() {
        for (SmallCnnBackbone.Layout layout : SmallCnnBackbone.Layout.values()) {
            INDArray out = run(new SmallCnnBackbone(new int[] {1, 28, 28}, layout), 3);
            assertEquals(500, out.columns());
            assertTrue(out.minNumber().doubleValue() >= 0, "ReLU output");
        }
        assertEquals(500, run(new SmallCnnBackbone(new int[] {3, 32, 32}, SmallCnnBackbone.Layout.NHWC), 2).columns());
    }

    @Test
    void mlpStacksTheHiddenLayers() {
        assertEquals(7, run(new MlpBackbone(10, 12, 7), 4).columns());
    }

    @Test
    void createChecksNamesAndImages() {
        assertInstanceOf(SmallCnnBackbone.class, Backbones.create("CNN", 784, new int[] {1, 28, 28}, null, null));
        assertInstanceOf(MlpBackbone.class, Backbones.create("mlp", 784, null, null, null));
        HashingException unknown = assertThrows(HashingException.class, () -> Backbones.create("vgg", 784, null, null, null));
        assertTrue(unknown.getMessage().contains("cnn, mlp"), unknown.getMessage());
        assertThrows(HashingException.class, () -> Backbones.create("cnn", 784, null, null, null));
        assertThrows(HashingException.class, () -> new SmallCnnBackbone(new int[] {1, 8, 8}, SmallCnnBackbone.Layout.NHWC));
        assertThrows(HashingException.class, () -> SmallCnnBackbone.Layout.parse("nwhc"));
    }

    @Test
    void specRebuildsAnEqualBackbone() {
        Backbone cnn = new SmallCnnBackbone(new int[] {1, 28, 28}, SmallCnnBackbone.Layout.NCHW);
        Backbone again = Backbones.fromSpec(JSON.valueToTree(cnn.spec()), "test");
        assertEquals(cnn.spec(), again.spec());
        Backbone mlp = new MlpBackbone(20, 8, 4);
        assertEquals(mlp.spec(), Backbones.fromSpec(JSON.valueToTree(mlp.spec()), "test").spec());
    }

    @Test
    void sameSeedSameWeights() {
        assertEquals(new SeededInitializer(9).heUniform(5, 5, 3), new SeededInitializer(9).heUniform(5, 5, 3));
        INDArray w = new SeededInitializer(9).heUniform(6, 600);
        double bound = Math.sqrt(6.0 / 6);
        assertTrue(w.maxNumber().doubleValue() <= bound && w.minNumber().doubleValue() >= -bound);
        assertTrue(w.maxNumber().doubleValue() > 0.9 * bound, "spread over the whole range");
    }

    /**
     * The fast SameDiff convolutions need the oneDNN build of nd4j-native; JavaCPP picks it over
     * the plain build whenever its jar is on the class path. This fails if it ever is not.
     */
    @Test
    void cpuBackendRunsTheOneDnnBuild() {
        Nd4j.create(1);
        assumeTrue(Nd4j.getBackend().getClass().getName().contains("CpuBackend"), "not the CPU backend");
        String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        assertTrue(info.contains("HAVE_ONEDNN"), "nd4j-native without oneDNN loaded: " + info);
    }
}
