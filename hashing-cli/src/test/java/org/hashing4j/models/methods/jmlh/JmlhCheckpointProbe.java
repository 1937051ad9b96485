package org.hashing4j.models.methods.jmlh;

import java.nio.file.Path;

/** Reads a JMLH checkpoint for the CLI's signal test (the checkpoint class is package-private). */
public final class JmlhCheckpointProbe {
    private JmlhCheckpointProbe() {
    }

    /** Epochs the checkpoint in {@code dir} records as done; it throws if the file does not load. */
    public static int epochsDone(Path dir) {
        JmlhCheckpoint cp = JmlhCheckpoint.read(dir);
        if (cp == null) {
            throw new IllegalStateException("no checkpoint in " + dir);
        }
        if (cp.weights.isEmpty()) {
            throw new IllegalStateException("checkpoint without weights in " + dir);
        }
        return cp.epochsDone;
    }
}
