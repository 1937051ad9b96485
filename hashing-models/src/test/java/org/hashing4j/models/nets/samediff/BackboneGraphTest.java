package org.hashing4j.models.nets.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.SeededInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A head attached to a backbone graph trains; freezing turns the backbone into constants; cuts and names. */
class BackboneGraphTest {
    @Test
    void headOnResNet18TrainsWholeNetworkOrHeadOnly() {
        BackboneGraph g = BackboneGraph.build(GraphBackbones.create("ResNet18"), BackboneWeights.random(3), 32, 32, null,
                null);
        assertEquals("avgpool", g.featureLayer());
        SameDiff sd = g.sameDiff();
        SeededInitializer init = new SeededInitializer(1);
        SDVariable out = sd.nn.linear(g.features(), sd.var("head/W", init.glorotUniform(512, 4, 512, 4)),
                sd.var("head/b", init.zeros(4)));
        sd.math.squaredDifference(out, sd.placeHolder("y", DataType.FLOAT, -1, 4)).mean().rename("loss");
        Nd4j.getRandom().setSeed(0);
        Map<String, INDArray> feed = Map.of(BackboneGraph.INPUT, Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), "y",
                Nd4j.randn(DataType.FLOAT, 2, 4));
        List<String> all = new ArrayList<>(g.trainableVariables());
        all.add("head/W");
        Map<String, INDArray> grads = sd.calculateGradients(feed, all);
        String firstConv = g.trainableVariables().get(0);
        assertTrue(grads.get(firstConv).norm2Number().doubleValue() > 0, "backbone gradient reaches conv1");
        // conv1 has no bias in torchvision; its graph bias is bn1's folded shift, and it trains.
        assertTrue(grads.get("resnet18/conv1/b").norm2Number().doubleValue() > 0, "folded batch-norm shift trains");
        assertFalse(sd.hasVariable("resnet18/bn1/gamma"), "batch norm is folded, no variables of its own");

        g.freeze();
        assertTrue(g.frozen());
        assertEquals(VariableType.CONSTANT, sd.getVariable(firstConv).getVariableType());
        INDArray before = sd.getArrForVarName(firstConv).dup();
        Map<String, INDArray> headOnly = sd.calculateGradients(feed, "head/W");
        assertTrue(headOnly.get("head/W").norm2Number().doubleValue() > 0);
        assertEquals(before, sd.getArrForVarName(firstConv));
        g.unfreeze();
        assertEquals(VariableType.VARIABLE, sd.getVariable(firstConv).getVariableType());
    }

    @Test
    void cutStopsTheGraphAndFeaturesAreRows() {
        BackboneGraph g = BackboneGraph.build(new Vgg16Graph(), BackboneWeights.random(0), 32, 32, "pool3", null);
        assertEquals(List.of("conv1_1", "conv1_2", "pool1", "conv2_1", "conv2_2", "pool2", "conv3_1", "conv3_2",
                "conv3_3", "pool3"), g.layerNames());
        assertFalse(g.sameDiff().hasVariable("vgg16/conv4_1/W"));
        float[][] f = g.extract(Nd4j.rand(DataType.FLOAT, 3, 3, 40, 40)); // resized to 32x32 first
        assertEquals(3, f.length);
        assertEquals(256, f[0].length);
        HashingException e = assertThrows(HashingException.class, () -> BackboneGraph.build(new AlexNetGraph(),
                BackboneWeights.random(0), 224, 224, "fc8", null));
        assertTrue(e.getMessage().contains("fc7"), e.getMessage());
        assertThrows(HashingException.class, () -> GraphBackbones.create("vgg19"));
    }
}
