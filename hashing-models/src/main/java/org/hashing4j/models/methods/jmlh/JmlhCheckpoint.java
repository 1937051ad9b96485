package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.ModelArchive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of a JMLH run after a finished epoch, as one zip file in the run's checkpoint folder:
 * {@code state.json} (epochs done, Adam step count, the configuration fingerprint, validation
 * history), the weights, Adam's moments, and the best weights so far when validation is on.
 * Written atomically, so an interrupted run leaves the previous epoch's checkpoint intact.
 */
final class JmlhCheckpoint {
    static final String FILE = "jmlh-checkpoint.zip";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "state.json";
    private static final String WEIGHTS = "weights/";
    private static final String ADAM = "adam/";
    private static final String BEST = "best/";

    final int epochsDone;
    final int iteration;
    final JsonNode fingerprint;
    final int bestEpoch;
    final double bestMap;
    final List<Map<String, Object>> history;
    final Map<String, INDArray> weights;
    final Map<String, INDArray> adam;
    final Map<String, INDArray> bestWeights;

    JmlhCheckpoint(int epochsDone, int iteration, JsonNode fingerprint, int bestEpoch, double bestMap,
            List<Map<String, Object>> history, Map<String, INDArray> weights, Map<String, INDArray> adam,
            Map<String, INDArray> bestWeights) {
        this.epochsDone = epochsDone;
        this.iteration = iteration;
        this.fingerprint = fingerprint;
        this.bestEpoch = bestEpoch;
        this.bestMap = bestMap;
        this.history = history;
        this.weights = weights;
        this.adam = adam;
        this.bestWeights = bestWeights;
    }

    /** The fingerprint as JSON read back from text, so that it compares equal to one read from a file. */
    static JsonNode normalise(Map<String, Object> fingerprint) {
        try {
            return JSON.readTree(JSON.writeValueAsString(fingerprint));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Writes this checkpoint to {@code dir} (created if needed), replacing the previous one atomically. */
    void write(Path dir) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("format", "hashing4j-jmlh-checkpoint");
        state.put("epochs_done", epochsDone);
        state.put("iteration", iteration);
        state.put("fingerprint", fingerprint);
        state.put("best_epoch", bestEpoch);
        state.put("best_map", Double.isNaN(bestMap) ? null : bestMap);
        state.put("history", history);
        try {
            entries.put(STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        put(entries, WEIGHTS, weights);
        put(entries, ADAM, adam);
        if (bestWeights != null) {
            put(entries, BEST, bestWeights);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HashingException("cannot create checkpoint folder " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeBytes(file(dir), ModelArchive.zip(entries));
    }

    /** Reads the checkpoint in {@code dir}, or returns null when there is none. */
    static JmlhCheckpoint read(Path dir) {
        Path f = file(dir);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        String source = f.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new HashingException(source + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
        Map<String, byte[]> entries = ModelArchive.unzip(new java.io.ByteArrayInputStream(bytes), source);
        if (!entries.containsKey(STATE)) {
            throw new HashingException(source + ": not a JMLH checkpoint (no " + STATE + ")");
        }
        JsonNode state;
        try {
            state = JSON.readTree(entries.get(STATE));
        } catch (IOException e) {
            throw new HashingException(source + ": corrupt checkpoint state (" + e.getMessage() + ")", e);
        }
        if (!"hashing4j-jmlh-checkpoint".equals(state.path("format").asText())) {
            throw new HashingException(source + ": not a JMLH checkpoint");
        }
        List<Map<String, Object>> history = new ArrayList<>();
        for (JsonNode h : state.path("history")) {
            history.add(JSON.convertValue(h, Map.class));
        }
        Map<String, INDArray> best = arrays(entries, BEST, source);
        return new JmlhCheckpoint(state.path("epochs_done").asInt(), state.path("iteration").asInt(),
                state.path("fingerprint"), state.path("best_epoch").asInt(-1),
                state.path("best_map").isNumber() ? state.path("best_map").asDouble() : Double.NaN, history,
                arrays(entries, WEIGHTS, source), arrays(entries, ADAM, source), best.isEmpty() ? null : best);
    }

    private static void put(Map<String, byte[]> entries, String prefix, Map<String, INDArray> arrays) {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            entries.put(prefix + e.getKey() + ".npy", ModelArchive.toNpy(e.getValue()));
        }
    }

    private static Map<String, INDArray> arrays(Map<String, byte[]> entries, String prefix, String source) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(prefix) && k.endsWith(".npy")) {
                String name = k.substring(prefix.length(), k.length() - 4);
                m.put(name, ModelArchive.fromNpy(e.getValue(), source, k));
            }
        }
        return m;
    }
}
