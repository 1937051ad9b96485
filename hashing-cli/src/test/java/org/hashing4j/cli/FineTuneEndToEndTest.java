package org.hashing4j.cli;

import static org.hashing4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Npy;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.methods.finetune.FineTunedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The experiment runner's streamed-image path end to end: a list-file dataset of tiny PNGs the test
 * writes, fine-tuned from a tiny CNN saved as a DL4J zip, evaluated and reported; and the one-line
 * refusal of a features-in-memory method on such a dataset.
 */
class FineTuneEndToEndTest {
    private static final int SIZE = 16;
    private static final int CLASSES = 3;
    private static final int TRAIN = 12;
    private static final int QUERIES = 6;
    private static final int DATABASE = 12;

    @TempDir
    Path dir;
    Path data;

    /**
     * Writes {@code data/} with train.txt, test.txt and database.txt ('images/x.png 0 1 0', three
     * labels, every fourth image also tagged with the next class) and the PNGs they name: image i
     * is of class i mod 3, whose colour channel is bright, plus seeded noise.
     */
    @BeforeEach
    void writeListFiles() throws IOException {
        data = dir.resolve("data");
        Random rnd = new Random(7);
        String[] files = {"train.txt", "test.txt", "database.txt"};
        int[] sizes = {TRAIN, QUERIES, DATABASE};
        int n = 0;
        for (int k = 0; k < 3; k++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < sizes[k]; i++, n++) {
                int c = n % CLASSES;
                String rel = "images/" + files[k].replace(".txt", "") + "_" + i + ".png";
                writePng(data.resolve(rel), c, rnd);
                int[] labels = new int[CLASSES];
                labels[c] = 1;
                if (n % 4 == 3) {
                    labels[(c + 1) % CLASSES] = 1;
                }
                StringBuilder line = new StringBuilder(rel);
                for (int l : labels) {
                    line.append(' ').append(l);
                }
                lines.add(line.toString());
            }
            Files.write(data.resolve(files[k]), lines);
        }
    }

    private static void writePng(Path file, int cls, Random rnd) throws IOException {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = 0;
                for (int ch = 0; ch < 3; ch++) {
                    double base = ch == cls ? 0.75 : 0.2;
                    int v = (int) Math.round(255 * Math.min(1, Math.max(0, base + rnd.nextGaussian() * 0.1)));
                    rgb = (rgb << 8) | v;
                }
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** A tiny CNN (conv → pool → dense "fc" → softmax "out") for 3×16×16 input, saved as a DL4J zip. */
    private Path tinyBackbone() throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("image")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build(), "image")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "conv")
                .addLayer("fc", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, 3))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path zip = dir.resolve("tiny-cnn.zip");
        ModelSerializer.writeModel(g, zip.toFile(), false);
        return zip;
    }

    @Test
    void fineTunesOnStreamedListFileImagesAndWritesTheRunFolder() throws IOException {
        Path out = dir.resolve("run");
        CliRun r = run("train", "--method", "finetune", "--dataset", "list-files", "--protocol", "lists",
                "--data-dir", data.toString(), "--bits", "8", "-p", "backbone_file=" + tinyBackbone(),
                "-p", "epochs=2", "-p", "batch_size=8", "-p", "input_size=" + SIZE, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"config.yaml", "report.html", "metrics.json", "results.md",
            "models/finetune-8.zip", "codes/finetune-8-query.npy", "codes/finetune-8-database.npy",
            "codes/query-labels.npy", "codes/database-labels.npy"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        BinaryCodes q = CodeFiles.read(out.resolve("codes/finetune-8-query.npy"));
        BinaryCodes db = CodeFiles.read(out.resolve("codes/finetune-8-database.npy"));
        assertEquals(QUERIES, q.size());
        assertEquals(DATABASE, db.size());
        assertEquals(8, q.bits());
        assertEquals(8, db.bits());
        // Multi-label lists keep their multi-hot labels in the run folder.
        assertArrayEquals(new long[] {QUERIES, CLASSES}, Npy.read(out.resolve("codes/query-labels.npy")).shape());
        assertArrayEquals(new long[] {DATABASE, CLASSES}, Npy.read(out.resolve("codes/database-labels.npy")).shape());

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        boolean found = false;
        for (JsonNode result : metrics.path("results")) {
            if (result.path("bits").asInt() == 8) {
                double map = result.path("metrics").path("mAP").path("all").asDouble(Double.NaN);
                // mAP over a database where every class has items is positive and at most 1.
                assertTrue(map > 0 && map <= 1, result.toString());
                found = true;
            }
        }
        assertTrue(found, "metrics.json holds the fine-tuned 8-bit result: " + metrics);

        // The saved model, reloaded, encodes the streamed queries to the same codes the run wrote.
        FineTunedModel model = (FineTunedModel) ModelFiles.load(out.resolve("models/finetune-8.zip"));
        ImageList queries = Datasets.load("list-files", "lists", 0, data).images().orElseThrow().query();
        assertEquals(q, model.encode(queries, 5));
    }

    @Test
    void aDeepMethodTrainsAGraphBackboneOnStreamedImagesAndItsModelEncodesTheFiles() throws IOException {
        Path out = dir.resolve("run-gh");
        CliRun r = run("train", "--method", "greedyhash", "--dataset", "list-files", "--protocol", "lists",
                "--data-dir", data.toString(), "--bits", "8", "--backbone", "resnet18", "-p", "layer=layer1",
                "-p", "input_size=" + SIZE, "--epochs", "1", "-p", "batch_size=4", "-p", "optimizer=adam",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("history/greedyhash-8/history.csv")));
        BinaryCodes db = CodeFiles.read(out.resolve("codes/greedyhash-8-database.npy"));
        assertEquals(DATABASE, db.size());
        Path codes = dir.resolve("db.npy");
        CliRun enc = run("encode", "--model", out.resolve("models/greedyhash-8.zip").toString(), "--images",
                data.resolve("database.txt").toString(), "--threads", "2", "--out", codes.toString());
        assertEquals(0, enc.code(), enc.err());
        assertEquals(db, CodeFiles.read(codes), "encode --images gives the runner's codes");
    }

    @Test
    void aFeaturesInMemoryMethodIsRefusedOnStreamedImages() {
        Path out = dir.resolve("run-itq");
        CliRun r = run("train", "--method", "itq", "--dataset", "list-files", "--protocol", "lists",
                "--data-dir", data.toString(), "--bits", "8", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.contains("streams images"), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(Files.exists(out.resolve("models/itq-8.zip")));

        // Refused before anything trains, even when a streamable method comes first.
        Path both = dir.resolve("run-both");
        r = run("train", "--method", "finetune,itq", "--dataset", "list-files", "--protocol", "lists",
                "--data-dir", data.toString(), "--bits", "8", "--out", both.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("itq needs features in memory"), r.err());
        assertFalse(Files.exists(both.resolve("models")));

        // -p applies to every method: one that does not know the parameter refuses it before anything trains.
        r = run("train", "--method", "finetune,itq", "--dataset", "list-files", "--protocol", "lists",
                "--data-dir", data.toString(), "--bits", "8", "-p", "backbone_file=" + dir.resolve("absent.zip"),
                "--out", both.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: command line: itq: unknown parameter 'backbone_file' for method itq; known: [iterations]",
                r.err().strip());
        assertFalse(Files.exists(both.resolve("models")));
    }
}
