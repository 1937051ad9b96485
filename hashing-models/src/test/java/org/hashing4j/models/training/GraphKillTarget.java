package org.hashing4j.models.training;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.greedyhash.GreedyHashMethod;

/**
 * The training JVM of {@link GraphBackboneKilledRunTest}: GreedyHash on a ResNet18 graph over the PNG
 * files of {@link GraphBackboneTrainingTest#writePngs}, streamed, slowed down so that the test can kill
 * it with SIGKILL after an epoch's checkpoint. Arguments: the image folder, the checkpoint folder.
 */
public final class GraphKillTarget {
    private GraphKillTarget() {
    }

    public static void main(String[] args) {
        ImageList images = GraphBackboneTrainingTest.readPngs(Path.of(args[0]));
        new GreedyHashMethod(true).fit(new ImageSplit(images, images, images, 2, List.of()),
                GraphBackboneKilledRunTest.config(), new TrainingContext(KilledRun.slow(400), Path.of(args[1]), false));
        System.out.println("finished without being killed");
    }
}
