package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.ImageEncoder;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.encode.CollectionEncoder;
import org.hashing4j.models.methods.finetune.FineTuneMethod;
import org.hashing4j.models.methods.lsh.Lsh;
import org.hashing4j.core.FeatureSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Spark encodes image files exactly as {@code hashing encode --images} ({@link CollectionEncoder})
 * does, also for models that are not plain pixel models: a fine-tuned CNN (an {@link ImageEncoder}
 * with its own input size, resize and crop) and a pixel model given images of another size than it
 * was trained on (resized by the model's input spec). The images here are 16×13 while the networks
 * take 12×12 and the LSH model 10×10, so a pipeline that skipped the spec's resize or crop would
 * give other codes or fail.
 */
class ImageEncoderSparkTest extends SparkTestBase {
    @TempDir
    static Path dir;
    static List<Path> files;
    static ImageList list;

    @BeforeAll
    static void makeImages() throws IOException {
        Random r = new Random(5);
        files = new ArrayList<>();
        int[] classes = new int[18];
        for (int i = 0; i < classes.length; i++) {
            int c = i % 3;
            classes[i] = c;
            BufferedImage img = new BufferedImage(16, 13, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 13; y++) {
                for (int x = 0; x < 16; x++) {
                    int[] rgb = new int[3];
                    for (int ch = 0; ch < 3; ch++) {
                        // class c has channel c brighter, so fine-tuning has something to learn
                        rgb[ch] = Math.max(0, Math.min(255, (ch == c ? 180 : 60) + (int) (r.nextGaussian() * 40)));
                    }
                    img.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                }
            }
            Path d = Files.createDirectories(dir.resolve("images/class" + c));
            Path f = d.resolve(String.format("img%03d.png", i));
            ImageIO.write(img, "png", f.toFile());
            files.add(f);
        }
        list = new ImageList(files, Labels.singleLabel(classes), "tiny-files");
    }

    /** conv → pool → dense "fc" → softmax "out" on 12×12 RGB: a backbone file, as a user would pass one. */
    private static Path tinyBackbone(Path file) throws IOException {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("image")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "image")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "conv")
                .addLayer("fc", new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(12, 12, 3))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        ModelSerializer.writeModel(g, file.toFile(), false);
        return file;
    }

    /** What {@code hashing encode --model M --images LIST} computes, with its default options. */
    private static BinaryCodes singleMachine(Path model) {
        return CollectionEncoder.encode(ModelFiles.load(model), list, CollectionEncoder.Options.defaults(), null).codes();
    }

    private static BinaryCodes onSpark(Path model, int batch) {
        List<String> paths = new ArrayList<>();
        files.forEach(f -> paths.add(f.toString()));
        Dataset<Row> codes = DistributedEncoder.encodeImages(DistributedEncoder.listing(spark, paths, 3),
                ModelBroadcast.of(spark, model.toString()), batch);
        CodeTable.Collected c = CodeTable.collect(codes, model.toString());
        assertEquals(files.get(0).toString(), c.paths().get(0));
        return c.codes();
    }

    /** How many different codes {@code c} holds. */
    private static int distinct(BinaryCodes c) {
        byte[] packed = c.toPackedBytes();
        int bpc = c.bytesPerCode();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < c.size(); i++) {
            seen.add(java.util.HexFormat.of().formatHex(packed, i * bpc, (i + 1) * bpc));
        }
        return seen.size();
    }

    @Test
    void fineTunedImageEncoderGivesTheCodesOfHashingEncode() throws IOException {
        Path backbone = tinyBackbone(dir.resolve("cnn.zip"));
        ImageSplit split = new ImageSplit(list, list, list, 3, List.of("class0", "class1", "class2"));
        MethodConfig c = new MethodConfig(10, 3, Map.of("backbone_file", backbone.toString(), "input_size", 12,
                "epochs", 1, "batch_size", 6, "flip", false));
        TrainedModel m = new FineTuneMethod().fit(split, c, TrainingContext.quiet());
        assertTrue(m instanceof ImageEncoder, "the fine-tuned model streams images itself");
        Path model = dir.resolve("finetune-10.zip");
        ModelFiles.save(model, m, Map.of());
        BinaryCodes want = singleMachine(model);
        assertEquals(18, want.size());
        assertTrue(distinct(want) > 1, "the codes differ between images, so the comparison means something");
        // Batches of 4 over 3 partitions: other batch boundaries than the single machine's 256.
        assertEquals(want, onSpark(model, 4));
    }

    @Test
    void pixelModelGetsImagesResizedAsHashingEncodeDoes() throws IOException {
        Random r = new Random(2);
        float[][] x = new float[40][3 * 10 * 10];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextFloat();
            }
        }
        TrainedModel lsh = new Lsh().fit(new FeatureSet(x, null, new int[] {3, 10, 10}, "pixels"), new MethodConfig(24, 9),
                TrainingContext.quiet());
        Path model = dir.resolve("lsh-24.zip");
        ModelFiles.save(model, lsh, Map.of());
        BinaryCodes want = singleMachine(model);
        assertTrue(distinct(want) > 1, "the codes differ between images");
        assertEquals(want, onSpark(model, 5));
    }
}
