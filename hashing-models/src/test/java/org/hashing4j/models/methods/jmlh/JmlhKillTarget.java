package org.hashing4j.models.methods.jmlh;

import java.nio.file.Path;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.training.KilledRun;

/**
 * The training JVM of {@link JmlhKilledRunTest}: trains {@link JmlhKilledRunTest#config} on
 * {@link JmlhKilledRunTest#DATA} with a checkpoint folder, slowed down so that the test can kill it
 * with SIGKILL after an epoch's checkpoint. Argument: the checkpoint folder.
 */
public final class JmlhKillTarget {
    private JmlhKillTarget() {
    }

    public static void main(String[] args) {
        new JmlhMethod().fit(JmlhKilledRunTest.DATA, JmlhKilledRunTest.config(),
                new TrainingContext(KilledRun.slow(150), Path.of(args[0]), false));
        System.out.println("finished without being killed");
    }
}
