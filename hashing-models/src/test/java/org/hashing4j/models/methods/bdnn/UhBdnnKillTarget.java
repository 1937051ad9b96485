package org.hashing4j.models.methods.bdnn;

import java.nio.file.Path;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.training.KilledRun;

/**
 * The training JVM of {@link BdnnResumeTest#aKilledUhBdnnRunResumesToTheSameModel}: trains
 * {@link BdnnResumeTest#uhConfig} on {@link BdnnResumeTest#DATA} with a checkpoint folder, slowed
 * down so that the test can kill it with SIGKILL after a checkpoint. Argument: the checkpoint folder.
 */
public final class UhBdnnKillTarget {
    private UhBdnnKillTarget() {
    }

    public static void main(String[] args) {
        UhBdnnTrainer.train(new UhBdnnMethod(), BdnnResumeTest.DATA, BdnnResumeTest.uhConfig(BdnnResumeTest.ALTERNATIONS),
                new TrainingContext(KilledRun.slow(200), Path.of(args[0]), false));
        System.out.println("finished without being killed");
    }
}
