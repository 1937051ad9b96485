package org.hashing4j.cli;

import static org.hashing4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FeaturesCommandTest {
    @TempDir
    Path tmp;

    /** A class-folder dataset: train/ and test/ with 3 classes of small PNGs coloured by class. */
    private Path imageFolders() throws Exception {
        Random r = new Random(1);
        for (String set : new String[] {"train", "test"}) {
            for (int c = 0; c < 3; c++) {
                Path d = tmp.resolve("data").resolve(set).resolve("class" + c);
                Files.createDirectories(d);
                for (int i = 0; i < (set.equals("train") ? 4 : 2); i++) {
                    BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 10; y++) {
                        for (int x = 0; x < 10; x++) {
                            int v = 60 + r.nextInt(40);
                            img.setRGB(x, y, c == 0 ? (200 << 16) | v : c == 1 ? (v << 16) | (200 << 8) : (v << 8) | 200);
                        }
                    }
                    ImageIO.write(img, "png", d.resolve("img" + i + ".png").toFile());
                }
            }
        }
        return tmp.resolve("data");
    }

    /** A small CNN with global pooling (any input size), saved as a DL4J zip. */
    private Path backboneZip() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("gap", new GlobalPoolingLayer.Builder().build(), "conv")
                .addLayer("fc", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build(), "gap")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out").setInputTypes(InputType.convolutional(10, 10, 3)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path zip = tmp.resolve("cnn.zip");
        ModelSerializer.writeModel(g, zip.toFile(), false);
        return zip;
    }

    /** Exit code, standard output, picocli's error output, and progress (standard error). */
    @Test
    void extractsFeaturesOfADatasetSetWritesLabelsAndReadsTheCacheTheSecondTime() throws Exception {
        Path data = imageFolders();
        Path zip = backboneZip();
        Path out = tmp.resolve("q.npy");
        String[] args = {"features", "--backbone-file", zip.toString(), "--layer", "fc", "--dataset", "image-folder",
            "--protocol", "train-test", "--data-dir", data.toString(), "--split", "query", "--out", out.toString(),
            "--cache-dir", tmp.resolve("cache").toString(), "--batch", "4"};
        CliRun first = run(args);
        assertEquals(0, first.code(), first.err() + first.out());
        assertTrue(first.out().startsWith("ND4J CPU backend ("), first.out());
        assertTrue(first.out().contains("data type FLOAT"), first.out());
        assertTrue(first.out().contains("wrote 6 x 5 features (cnn.zip/fc)"), first.out());
        assertTrue(first.out().contains("throughput: "), first.out());
        assertTrue(first.stderr().contains("features cached at "), first.stderr());
        float[][] f = Npy.read(out).toFloatMatrix();
        assertEquals(6, f.length);
        assertEquals(5, f[0].length);
        Labels labels = Labels.readNpy(tmp.resolve("q.labels.npy"));
        assertEquals(6, labels.size());
        assertEquals(3, labels.numClasses());

        CliRun second = run(args);
        assertEquals(0, second.code(), second.err());
        assertTrue(second.stderr().contains("features read from cache"), second.stderr());
        float[][] again = Npy.read(out).toFloatMatrix();
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(f[i], again[i]);
        }
    }

    @Test
    void imageNetNamesRunAsSameDiffGraphs() throws Exception {
        Path data = imageFolders();
        Path out = tmp.resolve("g.npy");
        CliRun r = run("features", "--backbone", "resnet18", "--random-weights", "--input-size", "32", "--layer", "layer1",
                "--dataset", "image-folder", "--protocol", "train-test", "--data-dir", data.toString(), "--split", "query",
                "--out", out.toString(), "--no-cache", "--batch", "4");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("wrote 6 x 64 features (resnet18/layer1)"), r.out());
        assertEquals(64, Npy.read(out).toFloatMatrix()[0].length);
        CliRun noWeights = run("features", "--backbone", "alexnet", "--list-layers");
        assertEquals(2, noWeights.code());
        assertTrue(noWeights.err().contains("--weights FILE.npz"), noWeights.err());
        assertEquals(1, noWeights.err().lines().count(), noWeights.err());
        CliRun layers = run("features", "--backbone", "resnet18", "--random-weights", "--input-size", "32",
                "--list-layers");
        assertEquals(0, layers.code(), layers.err());
        assertTrue(layers.out().contains("resnet18 layers (default feature layer avgpool):\n  conv1\n"), layers.out());
    }

    @Test
    void listsLayersAndRejectsUnknownOnesInOneLine() throws Exception {
        Path zip = backboneZip();
        CliRun list = run("features", "--backbone-file", zip.toString(), "--list-layers");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("cnn.zip layers (default feature layer fc):\n  conv\n  gap\n  fc\n  out\n"), list.out());
        CliRun bad = run("features", "--backbone-file", zip.toString(), "--layer", "fc7", "--dataset", "image-folder",
                "--data-dir", tmp.toString(), "--split", "query", "--out", tmp.resolve("x.npy").toString());
        assertEquals(2, bad.code());
        assertEquals("error: backbone cnn.zip has no layer 'fc7'; its layers are: conv, gap, fc, out\n", bad.err());
    }

    @Test
    void offlineZooWeightsGiveOneLineNamingTheFile() {
        String url = DL4JResources.getBaseDownloadURL();
        try {
            DL4JResources.setBaseDirectory(tmp.toFile());
            DL4JResources.setBaseDownloadURL("http://127.0.0.1:9/");
            CliRun r = run("features", "--backbone", "resnet50", "--list-layers");
            assertEquals(2, r.code());
            assertTrue(r.err().startsWith("error: pretrained ResNet50 weights are not available offline"), r.err());
            assertTrue(r.err().contains(tmp.resolve("models/resnet50/resnet50_dl4j_inference.v3.zip").toString()), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        } finally {
            DL4JResources.setBaseDownloadURL(url);
            DL4JResources.resetBaseDirectoryLocation();
        }
    }
}
