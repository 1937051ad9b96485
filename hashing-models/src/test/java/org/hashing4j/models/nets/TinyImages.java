package org.hashing4j.models.nets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.image.recordreader.ImageRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageBatchIterator;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.image.ImageSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Test data made by the tests: small RGB images whose class is their dominant colour, tiny CNNs
 * saved as DL4J zips, and an image folder read through DataVec (one subfolder per class) the way a
 * user's folder would be read.
 */
public final class TinyImages {
    public static final int SIZE = 12;
    public static final int CLASSES = 3;

    private TinyImages() {
    }

    /** {@code n} 8-bit images of 3×SIZE×SIZE in [0,1]: class c has channel c brighter, plus noise. */
    public static FeatureSet images(int n, long seed) {
        Random r = new Random(seed);
        float[][] rows = new float[n][3 * SIZE * SIZE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            labels[i] = c;
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < SIZE * SIZE; p++) {
                    float base = ch == c ? 0.7f : 0.25f;
                    float v = Math.min(1f, Math.max(0f, base + (float) r.nextGaussian() * 0.15f));
                    rows[i][ch * SIZE * SIZE + p] = Math.round(v * 255f) / 255f; // 8-bit pixels, as decoded images have
                }
            }
        }
        return new FeatureSet(rows, Labels.singleLabel(labels), new int[] {3, SIZE, SIZE}, "tiny-images");
    }

    /** A small CNN as a ComputationGraph: conv → pool → dense "fc" (16) → softmax "out". */
    public static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
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
        return g;
    }

    /** The same architecture as a MultiLayerNetwork with named layers. */
    public static MultiLayerNetwork multiLayer(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(6).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool").kernelSize(2, 2)
                        .stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 3))
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    /** Saves {@code net} as a DL4J model zip (what a user would hand to --backbone-file). */
    public static Path save(org.deeplearning4j.nn.api.Model net, Path file) throws IOException {
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }

    /** Writes {@code images} as PNG files into {@code dir/class<c>/img<i>.png}. */
    public static Path writeFolder(FeatureSet images, Path dir) throws IOException {
        int[] s = images.imageShape();
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = new BufferedImage(s[2], s[1], BufferedImage.TYPE_INT_RGB);
            float[] row = images.features()[i];
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[2]; x++) {
                    int rgb = 0;
                    for (int ch = 0; ch < 3; ch++) {
                        int v = Math.round(row[(ch * s[1] + y) * s[2] + x] * 255f);
                        rgb = (rgb << 8) | v;
                    }
                    img.setRGB(x, y, rgb);
                }
            }
            Path d = dir.resolve("class" + images.labels().classOf(i));
            Files.createDirectories(d);
            ImageIO.write(img, "png", d.resolve(String.format("img%03d.png", i)).toFile());
        }
        return dir;
    }

    /**
     * An image-folder iterator (DataVec ImageRecordReader + ParentPathLabelGenerator), with batches
     * turned into the backbones' convention: RGB in [0,1]. DataVec's native loader gives BGR 0–255.
     */
    public static DataSetIterator folderIterator(Path dir, int batch) throws IOException {
        ImageRecordReader rr = new ImageRecordReader(SIZE, SIZE, 3, new ParentPathLabelGenerator());
        rr.initialize(new FileSplit(dir.toFile(), new String[] {"png"}, new Random(1)));
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(rr, batch, 1, CLASSES);
        it.setPreProcessor((DataSetPreProcessor) ds -> {
            INDArray x = ds.getFeatures();
            INDArray rgb = org.nd4j.linalg.factory.Nd4j.concat(1,
                    x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)),
                    x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)),
                    x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)))
                    .divi(255.0);
            ds.setFeatures(rgb);
        });
        return it;
    }

    /** Batches of in-memory images through the data module's iterator (shuffled per epoch when training). */
    public static ImageBatchIterator batches(FeatureSet images, int batch, boolean training, long seed) {
        return new ImageBatchIterator(ImageSource.of(images), ImagePipelineConfig.asIs(3), batch, training, seed,
                CLASSES, null);
    }

    /** Writes a file that is neither a zip nor HDF5. */
    public static Path junk(Path file) throws IOException {
        Files.write(file, "this is not a network".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }
}
