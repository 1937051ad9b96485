package org.hashing4j.models.methods.jmlh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.DeepTrainer;

/**
 * Reads the checkpoint JMLH wrote before the shared {@link Checkpoint} format
 * ({@value #FILE}: {@code state.json} with format {@value #FORMAT}, arrays under {@code weights/},
 * {@code adam/}, {@code best/}) into a {@link Checkpoint}, so that a run interrupted under the old
 * version can still be resumed. Its fingerprint has the same content as today's JMLH fingerprint;
 * the next checkpoint is written in the shared format.
 */
final class JmlhLegacyCheckpoint {
    static final String FILE = "jmlh-checkpoint.zip";
    static final String FORMAT = "hashing4j-jmlh-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JmlhLegacyCheckpoint() {
    }

    /** The old checkpoint in {@code dir} as a {@link Checkpoint}, or null when there is none. */
    static Checkpoint read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        String source = f.toString();
        Map<String, byte[]> entries;
        try (InputStream in = Files.newInputStream(f)) {
            entries = ModelArchive.unzip(in, source);
        } catch (IOException e) {
            throw new HashingException(source + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
        JsonNode state;
        try {
            state = entries.containsKey("state.json") ? JSON.readTree(entries.get("state.json")) : null;
        } catch (IOException e) {
            throw new HashingException(source + ": corrupt checkpoint state (" + e.getMessage().split("\n", 2)[0] + ")", e);
        }
        if (state == null || !FORMAT.equals(state.path("format").asText())) {
            throw new HashingException(source + ": not a JMLH checkpoint");
        }
        Checkpoint.Builder b = Checkpoint.builder(JmlhMethod.NAME, state.path("epochs_done").asInt(),
                JSON.convertValue(state.path("fingerprint"), Object.class))
                .state("iteration", state.path("iteration").asInt())
                .state("best_epoch", state.path("best_epoch").asInt(-1))
                .state("best_map", state.path("best_map").isNumber() ? state.path("best_map").asDouble() : null)
                .state("history", state.path("history"));
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String k = e.getKey();
            int slash = k.indexOf('/');
            if (slash > 0 && k.endsWith(".npy")) {
                String group = k.substring(0, slash);
                if (group.equals(DeepTrainer.WEIGHTS) || group.equals("adam") || group.equals(DeepTrainer.BEST)) {
                    b.array(group, k.substring(slash + 1, k.length() - 4), ModelArchive.fromNpy(e.getValue(), source, k));
                }
            }
        }
        return b.build(source);
    }
}
