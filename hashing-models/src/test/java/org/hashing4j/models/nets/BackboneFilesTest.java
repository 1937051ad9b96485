package org.hashing4j.models.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class BackboneFilesTest {
    @TempDir
    Path tmp;

    private static INDArray batch() {
        FeatureSet imgs = TinyImages.images(5, 3);
        return ImageBatches.fromRows(imgs.features(), 0, 5, imgs.imageShape());
    }

    @Test
    void computationGraphZipLoadsWithItsLayerNamesAndSameOutputs() throws Exception {
        ComputationGraph g = TinyImages.graph(1);
        Path file = TinyImages.save(g, tmp.resolve("cnn.zip"));
        NetworkBackbone b = BackboneFiles.load(file, null);
        assertEquals(List.of("conv", "pool", "fc", "out"), b.layerNames());
        assertEquals("fc", b.defaultFeatureLayer());
        assertEquals("cnn.zip", b.name());
        assertTrue(b.id().startsWith("file:") && b.id().contains("#sha256="), b.id());
        assertEquals(InputNormalization.NONE, b.normalization());
        assertFalse(b.channelsLast());
        INDArray x = batch();
        assertEquals(g.outputSingle(x), b.network().outputSingle(b.prepare(x)));
    }

    @Test
    void multiLayerNetworkZipBecomesANamedGraphWithIdenticalOutputs() throws Exception {
        MultiLayerNetwork n = TinyImages.multiLayer(2);
        Path file = TinyImages.save(n, tmp.resolve("mln.zip"));
        NetworkBackbone b = BackboneFiles.load(file, InputNormalization.NONE);
        assertEquals(List.of("conv", "pool", "fc", "out"), b.layerNames());
        assertEquals("dl4j-multi-layer-network", b.describe().get("format"));
        INDArray x = batch();
        INDArray expected = n.output(x);
        assertTrue(expected.equalsWithEps(b.network().outputSingle(x), 1e-6));
        // The feature layer's activations match the MultiLayerNetwork's own (layer 2 = "fc").
        INDArray fc = n.feedForwardToLayer(2, x).get(3);
        INDArray got = b.network().output(List.of("fc"), false, new INDArray[] {x}, null)[0];
        assertTrue(fc.equalsWithEps(got, 1e-6));
    }

    @Test
    void kerasSequentialH5LoadsWithKerasNamesWeightsAndChannelsLastInput() throws Exception {
        KerasFiles.Weights w = KerasFiles.Weights.random(9);
        Path file = KerasFiles.write(tmp.resolve("keras.h5"), w);
        NetworkBackbone b = BackboneFiles.load(file, InputNormalization.NONE);
        assertEquals("keras-h5-sequential", b.describe().get("format"));
        assertTrue(b.layerNames().containsAll(List.of("conv", "fc", "out")), b.layerNames().toString());
        assertEquals("fc", b.defaultFeatureLayer());
        assertTrue(b.channelsLast());
        assertArrayEquals(new int[] {3, 4, 4}, b.inputShape());
        // fc computed by hand from the Keras weights on NCHW [0,1] images: conv 1x1 + relu, flatten in
        // (h, w, filter) order as Keras does for channels_last, dense + relu.
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 4, 4);
        INDArray got = b.network().output(List.of("fc"), false, new INDArray[] {b.prepare(x)}, null)[0];
        for (int n = 0; n < 2; n++) {
            float[] flat = new float[KerasFiles.H * KerasFiles.W * KerasFiles.F];
            for (int h = 0; h < KerasFiles.H; h++) {
                for (int wi = 0; wi < KerasFiles.W; wi++) {
                    for (int f = 0; f < KerasFiles.F; f++) {
                        double s = w.convBias()[f];
                        for (int c = 0; c < KerasFiles.C; c++) {
                            s += x.getDouble(n, c, h, wi) * w.convKernel()[c][f];
                        }
                        flat[(h * KerasFiles.W + wi) * KerasFiles.F + f] = (float) Math.max(0, s);
                    }
                }
            }
            for (int j = 0; j < KerasFiles.FC; j++) {
                double s = w.fcBias()[j];
                for (int i = 0; i < flat.length; i++) {
                    s += flat[i] * w.fcKernel()[i][j];
                }
                assertEquals(Math.max(0, s), got.getDouble(n, j), 1e-4);
            }
        }
    }

    @Test
    void unknownLayerNamesListTheLayersThereAre() throws Exception {
        NetworkBackbone b = BackboneFiles.load(TinyImages.save(TinyImages.graph(1), tmp.resolve("cnn.zip")), null);
        HashingException e = assertThrows(HashingException.class, () -> b.checkLayer("fc2"));
        assertEquals("backbone cnn.zip has no layer 'fc2'; its layers are: conv, pool, fc, out", e.getMessage());
    }

    @Test
    void badFilesGiveOneLineErrors() throws Exception {
        HashingException missing = assertThrows(HashingException.class,
                () -> BackboneFiles.load(tmp.resolve("nope.zip"), null));
        assertTrue(missing.getMessage().endsWith("nope.zip: no such backbone file"), missing.getMessage());

        HashingException junk = assertThrows(HashingException.class,
                () -> BackboneFiles.load(TinyImages.junk(tmp.resolve("junk.bin")), null));
        assertTrue(junk.getMessage().contains("not a DL4J model zip or a Keras .h5 file"), junk.getMessage());

        Path zip = tmp.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write(1);
        }
        HashingException notModel = assertThrows(HashingException.class, () -> BackboneFiles.load(zip, null));
        assertTrue(notModel.getMessage().contains("not a DL4J model (no configuration.json"), notModel.getMessage());

        Path fakeH5 = tmp.resolve("fake.h5");
        byte[] magic = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0};
        Files.write(fakeH5, magic);
        HashingException h5 = assertThrows(HashingException.class, () -> BackboneFiles.load(fakeH5, null));
        assertTrue(h5.getMessage().startsWith(fakeH5 + ": cannot read the Keras model configuration"), h5.getMessage());
        assertFalse(h5.getMessage().contains("\n"));
    }

    @Test
    void inputShapeComesFromTheNetworkWhenItRecordsOne() throws Exception {
        NetworkBackbone b = BackboneFiles.load(TinyImages.save(TinyImages.graph(1), tmp.resolve("cnn.zip")), null);
        // setInputTypes(convolutional) adds no preprocessor before the first conv layer: the size is not recorded.
        assertNull(b.inputShape());
        NetworkBackbone sized = b.withInputShape(new int[] {3, 12, 12});
        assertArrayEquals(new int[] {3, 12, 12}, sized.inputShape());
    }
}
