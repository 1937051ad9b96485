package org.hashing4j.models.nets.samediff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.InputNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J zoo weights mapped into the SameDiff graphs give the zoo ComputationGraph's outputs: the zoo
 * network is built with seeded random weights through the zoo class's {@code init()}, saved as a zip
 * as the pretrained cache holds it, and loaded through {@link BackboneWeights#dl4jZoo}. Small inputs
 * keep it fast; the zoo graph gets Caffe-normalised input, ours [0,1] (it normalises inside).
 */
class ZooWeightsTest {
    @TempDir
    Path tmp;

    private static INDArray images(int n, int size, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 3, size, size);
    }

    private static double relative(INDArray ours, INDArray zoo) {
        return ours.sub(zoo).norm2Number().doubleValue() / zoo.norm2Number().doubleValue();
    }

    @Test
    void vgg16MatchesTheZooGraph() throws Exception {
        // 64x64: pool5 is 2x2, so fc6's rows really are reordered from CHW to HWC.
        ComputationGraph zoo = VGG16.builder().numClasses(10).seed(7).inputShape(new int[] {3, 64, 64}).build().init();
        Path zip = tmp.resolve("vgg16_dl4j_inference.zip");
        ModelSerializer.writeModel(zoo, zip.toFile(), false);
        BackboneGraph g = BackboneGraph.build(new Vgg16Graph(), BackboneWeights.dl4jZoo(zip), 64, 64, "fc7", null);
        INDArray x = images(2, 64, 1);
        INDArray want = zoo.output(List.of("19"), false, new INDArray[] {InputNormalization.CAFFE.apply(x)}, null)[0];
        INDArray ours = g.activations(x, "fc7");
        assertArrayEquals(want.shape(), ours.shape());
        double rel = relative(ours, want);
        assertTrue(rel < 1e-4, "fc7 relative difference " + rel);
        INDArray pool5 = zoo.output(List.of("17"), false, new INDArray[] {InputNormalization.CAFFE.apply(x)}, null)[0];
        double relPool = relative(g.activations(x, "pool5").permute(0, 3, 1, 2), pool5);
        assertTrue(relPool < 1e-4, "pool5 relative difference " + relPool);
    }

    @Test
    void resnet50MatchesTheZooGraph() throws Exception {
        // The zoo's own graph configuration cut after stage 3 (res3d_branch): the stem, a strided conv block with
        // its shortcut and identity blocks are all there, at 1.4M instead of 25M parameters, and 64x64 fits.
        var builder = ResNet50.builder().numClasses(10).seed(7).inputShape(new int[] {3, 64, 64})
                .weightInit(new WeightInitRelu()).build().graphBuilder();
        List<String> order = new ArrayList<>(builder.getVertices().keySet());
        for (String v : order.subList(order.indexOf("res3d_branch") + 1, order.size())) {
            builder.removeVertex(v);
        }
        builder.setOutputs("res3d_branch");
        ComputationGraph zoo = new ComputationGraph(builder.build());
        zoo.init();
        randomiseBatchNormStatistics(zoo);
        Path zip = tmp.resolve("resnet50_dl4j_inference.v3.zip");
        ModelSerializer.writeModel(zoo, zip.toFile(), false);
        BackboneGraph g = BackboneGraph.build(new ResNet50Graph(), BackboneWeights.dl4jZoo(zip), 64, 64, "layer2", null);
        INDArray x = images(2, 64, 2);
        INDArray want = zoo.output(false, InputNormalization.CAFFE.apply(x))[0];
        INDArray ours = g.activations(x, "layer2").permute(0, 3, 1, 2);
        assertArrayEquals(want.shape(), ours.shape());
        double rel = relative(ours, want);
        assertTrue(rel < 1e-4, "layer2 relative difference " + rel);
    }

    /** Fresh batch norms have mean 0 and std 1, which would not show a wrong mapping of the statistics. */
    private static void randomiseBatchNormStatistics(ComputationGraph zoo) {
        Nd4j.getRandom().setSeed(3);
        zoo.paramTable().forEach((k, v) -> {
            if (k.endsWith("_mean") || k.endsWith("_beta")) {
                v.assign(Nd4j.rand(DataType.FLOAT, v.shape()).subi(0.5).muli(0.2));
            } else if (k.endsWith("_log10stdev") || k.endsWith("_gamma")) {
                v.assign(Nd4j.rand(DataType.FLOAT, v.shape()).subi(0.5).muli(0.2));
            }
        });
    }

    @Test
    void alexNetHasNoZooLayout() {
        HashingException e = assertThrows(HashingException.class, () -> BackboneGraph.build(new AlexNetGraph(),
                BackboneWeights.dl4jZoo(tmp.resolve("x.zip")), 224, 224, null, null));
        assertTrue(e.getMessage().contains("AlexNet"), e.getMessage());
    }
}
