package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.greedyhash.GreedyHashMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training a graph backbone on streamed image files, killed with SIGKILL after an epoch, resumes to
 * the weights of an uninterrupted run: the epoch order and every crop and flip come from the seed.
 */
class GraphBackboneKilledRunTest {
    static final int EPOCHS = 3;

    /** With validation, so that the kept best weights cross the kill as well. */
    static MethodConfig config() {
        return GraphBackboneTrainingTest.config(EPOCHS, "validation_size", 4);
    }

    @Test
    void aKilledStreamedRunResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        Path pngs = Files.createDirectories(dir.resolve("pngs"));
        ImageList images = GraphBackboneTrainingTest.writePngs(pngs);
        ImageSplit split = new ImageSplit(images, images, images, 2, List.of());
        Path killed = dir.resolve("killed");
        int survived = KilledRun.killAfter(GraphKillTarget.class, List.of(pngs.toString(), killed.toString()), killed, 1,
                dir.resolve("child.log"), 600);
        assertTrue(survived >= 1 && survived < EPOCHS, "killed after epoch " + survived);
        DeepModel resumed = (DeepModel) new GreedyHashMethod(true).fit(split, config(),
                new TrainingContext(null, killed, true));
        DeepModel straight = (DeepModel) new GreedyHashMethod(true).fit(split, config(),
                new TrainingContext(null, dir.resolve("straight"), false));
        Map<String, INDArray> a = straight.network().parameters();
        Map<String, INDArray> b = resumed.network().parameters();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(exact(a.get(name)), exact(b.get(name)), name);
        }
        assertEquals(straight.modelProvenance().details().get("best_epoch"),
                resumed.modelProvenance().details().get("best_epoch"));
        assertEquals(straight.encode(images, 5), resumed.encode(images, 5));
    }

    private static double[] exact(INDArray a) {
        return a.dup().castTo(DataType.DOUBLE).data().asDouble();
    }
}
