package org.hashing4j.models.nets.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Labels;
import org.hashing4j.models.nets.samediff.BackboneGraph;
import org.hashing4j.models.nets.samediff.BackboneWeights;
import org.hashing4j.models.nets.samediff.GraphBackbones;
import org.junit.jupiter.api.Test;

/** Feature extraction through a SameDiff graph: the graph's own features, labels kept, a cache key of its own. */
class GraphFeatureExtractorTest {
    @Test
    void graphFeaturesAreTheGraphsAndHaveTheirOwnCacheKey() {
        Random r = new Random(1);
        float[][] rows = new float[5][3 * 24 * 24];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextInt(256) / 255f; // 8-bit pixels: the in-memory reader goes through images
            }
        }
        FeatureSet images = new FeatureSet(rows, Labels.singleLabel(new int[] {0, 1, 0, 1, 2}), new int[] {3, 24, 24},
                "tiny");
        BackboneGraph g = BackboneGraph.build(GraphBackbones.create("resnet18"), BackboneWeights.random(4), 32, 32,
                "layer2", null);
        FeatureExtractor fx = new FeatureExtractor(g, FeaturePooling.AVG);
        FeatureSet f = fx.extract(images, 2, null);
        assertEquals(5, f.size());
        assertEquals(128, f.dimension());
        assertEquals(images.labels().classOf(4), f.labels().classOf(4));
        float[][] direct = g.extract(org.hashing4j.models.nets.ImageBatches.fromRows(rows, 0, 5, new int[] {3, 24, 24}));
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(direct[i], f.features()[i], 1e-5f);
        }
        assertEquals("samediff", fx.settings().get("engine"));
        assertEquals("resnet18", fx.name());
        assertArrayEquals(new int[] {3, 32, 32}, fx.inputShape());
        FeatureExtractor other = new FeatureExtractor(BackboneGraph.build(GraphBackbones.create("resnet18"),
                BackboneWeights.random(5), 32, 32, "layer2", null), FeaturePooling.AVG);
        assertNotEquals(FeatureKey.of("d", "train", fx).hash(), FeatureKey.of("d", "train", other).hash(),
                "other weights, other cache entry");
    }
}
