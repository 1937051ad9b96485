package org.hashing4j.models.methods.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.nets.InputNormalization;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.TinyImages;
import org.hashing4j.models.nets.zoo.ZooBackbones;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The transfer-learning surgery on the real zoo topologies (randomly initialised: no weights can be
 * downloaded here): SqueezeNet's fire modules and ResNet50's residual merges and batch norms, cut at
 * their default feature layers, with a head attached, trained a little and encoding. Slow (ResNet50
 * at 224×224): run with -Dtest.groups.excluded= -Dtest=ZooFineTuneCheck.
 */
@Tag("slow")
class ZooFineTuneCheck {
    private static FeatureSet images(int n, int size, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[][] rows = new float[n][3 * size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int k = 0; k < rows[i].length; k++) {
                rows[i][k] = Math.round(r.nextFloat() * 255f) / 255f;
            }
        }
        return new FeatureSet(rows, Labels.singleLabel(labels), new int[] {3, size, size}, "random");
    }

    @Test
    void squeezeNetFineTunesUnfrozenFromItsDefaultLayer() {
        ComputationGraph g = SqueezeNet.builder().numClasses(10).seed(1).inputShape(new int[] {3, 64, 64}).build().init();
        NetworkBackbone b = new NetworkBackbone(g, "squeezenet-64", "test", new int[] {3, 64, 64},
                InputNormalization.IMAGENET, Map.of());
        FineTuner t = new FineTuner(b, new DlbhcHead(), FineTuneSettings.of(8, 1).withFreezeBackbone(false).withEpochs(1));
        assertEquals("drop9", t.featureLayer());
        FeatureSet train = images(4, 48, 2); // resized to 64 by the backbone
        FineTunedModel m = t.fit(TinyImages.batches(train, 2, true, 1), TinyImages.CLASSES, false, train.imageShape(), TrainingContext.quiet());
        assertEquals(2, m.trainingLosses().size());
        assertFalse(m.network().getConfiguration().getVertices().containsKey("conv10"));
        BinaryCodes codes = m.encode(train.features());
        assertEquals(4, codes.size());
    }

    @Test
    void resNet50FineTunesFromItsAveragePool() {
        // Unfrozen: the random network's batch norms must use batch statistics (frozen, its untrained running
        // statistics let activations overflow, which the fine-tuner reports as such).
        NetworkBackbone b = ZooBackbones.load("resnet50", false, 3, null);
        FineTuner t = new FineTuner(b, new DlbhcHead(), FineTuneSettings.of(16, 1).withFreezeBackbone(false)
                .withLearningRates(1e-3, 1e-5).withEpochs(1));
        assertEquals("avgpool", t.featureLayer());
        FeatureSet train = images(2, 32, 3);
        FineTunedModel m = t.fit(TinyImages.batches(train, 2, true, 1), TinyImages.CLASSES, false, train.imageShape(), TrainingContext.quiet());
        assertEquals(1, m.trainingLosses().size());
        assertTrue(m.network().getConfiguration().getNetworkOutputs().contains(DlbhcHead.CLASSIFIER));
        assertEquals(2, m.encode(train.features()).size());
    }
}
