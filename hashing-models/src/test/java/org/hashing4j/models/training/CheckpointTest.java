package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointTest {
    private static Map<String, Object> fingerprint(int bits) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bits", bits);
        f.put("seed", 5L);
        f.put("settings", Map.of("lambda", 0.1f, "hidden", List.of(32, 16)));
        return f;
    }

    private static Path write(Path dir, int steps) {
        return Checkpoint.builder("toy", steps, fingerprint(8))
                .state("iteration", 42)
                .state("best_score", 0.75)
                .state("history", List.of(Map.of("epoch", 1, "loss", 0.5)))
                .array("weights", "layer0/W", Nd4j.linspace(1, 6, 6, DataType.DOUBLE).reshape(2, 3))
                .array("weights", "layer0/b", Nd4j.createFromArray(new float[] {1.5f, -2f}))
                .arrays("best", null)
                .array("codes", "b", Nd4j.createFromArray(new byte[] {1, -1, 1}))
                .blob("network.zip", new byte[] {1, 2, 3})
                .write(dir);
    }

    @Test
    void stateArraysAndBlobsRoundTrip(@TempDir Path dir) {
        Path file = write(dir, 3);
        assertEquals(dir.resolve(Checkpoint.FILE), file);
        Checkpoint cp = Checkpoint.read(dir);
        assertEquals("toy", cp.method());
        assertEquals(3, cp.stepsDone());
        assertEquals(file.toString(), cp.source());
        assertEquals(42, cp.state("iteration", Integer.class));
        assertEquals(0.75, cp.state("best_score").asDouble());
        assertEquals(0.5, cp.state("history").get(0).path("loss").asDouble());
        assertEquals(List.of("layer0/W", "layer0/b"), List.copyOf(cp.arrays("weights").keySet()));
        INDArray w = cp.array("weights", "layer0/W");
        assertEquals(DataType.DOUBLE, w.dataType());
        assertEquals(Nd4j.linspace(1, 6, 6, DataType.DOUBLE).reshape(2, 3), w);
        assertEquals(DataType.FLOAT, cp.array("weights", "layer0/b").dataType());
        assertEquals(DataType.BYTE, cp.array("codes", "b").dataType());
        assertFalse(cp.hasArrays("best"));
        assertArrayEquals(new byte[] {1, 2, 3}, cp.blob("network.zip"));
        cp.requireMatch("toy", fingerprint(8)); // Long/Float in memory match Integer/Double read back
    }

    @Test
    void eachStepReplacesTheOneFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        write(dir, 1);
        write(dir, 2);
        assertEquals(2, Checkpoint.read(dir).stepsDone());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(Checkpoint.FILE), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void resumeOnlyWhenAskedAndOnlyWithTheSameConfiguration(@TempDir Path dir) {
        assertNull(Checkpoint.resume(new TrainingContext(TrainingListener.NONE, dir, true), "toy", fingerprint(8)),
                "no checkpoint yet");
        write(dir, 2);
        assertNull(Checkpoint.resume(new TrainingContext(TrainingListener.NONE, dir, false), "toy", fingerprint(8)));
        assertNull(Checkpoint.resume(TrainingContext.quiet(), "toy", fingerprint(8)));
        TrainingContext resume = new TrainingContext(TrainingListener.NONE, dir, true);
        assertEquals(2, Checkpoint.resume(resume, "toy", fingerprint(8)).stepsDone());

        HashingException other = assertThrows(HashingException.class, () -> Checkpoint.resume(resume, "toy", fingerprint(16)));
        String m = other.getMessage();
        assertTrue(m.startsWith(dir.resolve(Checkpoint.FILE).toString()), m);
        assertTrue(m.contains("another configuration") && m.contains("bits: 8 in the checkpoint, 16 now"), m);
        assertFalse(m.contains("\n"), m);

        HashingException kind = assertThrows(HashingException.class, () -> Checkpoint.resume(resume, "jmlh", fingerprint(8)));
        assertTrue(kind.getMessage().contains("toy") && kind.getMessage().contains("jmlh"), kind.getMessage());
    }

    @Test
    void corruptTruncatedOrForeignFilesAreOneLineErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = write(dir, 1);
        byte[] bytes = Files.readAllBytes(file);
        String name = file.toString();
        for (int cut : new int[] {bytes.length / 2, bytes.length - 30, 40, 0}) {
            Files.write(file, java.util.Arrays.copyOf(bytes, cut));
            HashingException e = assertThrows(HashingException.class, () -> Checkpoint.read(dir), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(name), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }

        // Cut at an entry boundary (a complete zip holding only the first entries): state.json lists
        // the entries, so the missing ones are noticed.
        Map<String, byte[]> entries = ModelArchive.unzip(new java.io.ByteArrayInputStream(bytes), name);
        Map<String, byte[]> firstTwo = new LinkedHashMap<>();
        entries.entrySet().stream().limit(2).forEach(en -> firstTwo.put(en.getKey(), en.getValue()));
        Files.write(file, ModelArchive.zip(firstTwo));
        HashingException truncated = assertThrows(HashingException.class, () -> Checkpoint.read(dir));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        Map<String, byte[]> foreign = new LinkedHashMap<>(entries);
        foreign.put(Checkpoint.STATE, "{\"format\":\"something-else\"}".getBytes(StandardCharsets.UTF_8));
        Files.write(file, ModelArchive.zip(foreign));
        HashingException notOurs = assertThrows(HashingException.class, () -> Checkpoint.read(dir));
        assertTrue(notOurs.getMessage().contains("not a hashing4j training checkpoint"), notOurs.getMessage());

        Map<String, byte[]> newer = new LinkedHashMap<>(entries);
        newer.put(Checkpoint.STATE, new String(entries.get(Checkpoint.STATE), StandardCharsets.UTF_8)
                .replace("\"version\" : 1", "\"version\" : 99").getBytes(StandardCharsets.UTF_8));
        Files.write(file, ModelArchive.zip(newer));
        HashingException version = assertThrows(HashingException.class, () -> Checkpoint.read(dir));
        assertTrue(version.getMessage().contains("version 99"), version.getMessage());

        Map<String, byte[]> badNpy = new LinkedHashMap<>(entries);
        badNpy.put("arrays/weights/layer0/W.npy", new byte[] {1, 2, 3, 4});
        Files.write(file, ModelArchive.zip(badNpy));
        HashingException npy = assertThrows(HashingException.class, () -> Checkpoint.read(dir));
        assertTrue(npy.getMessage().startsWith(name) && npy.getMessage().contains("layer0/W"), npy.getMessage());
    }

    @Test
    void historyRoundTripsWithTheSameValueTypes() {
        TrainingHistory h = new TrainingHistory();
        Map<String, Object> r0 = h.round(0);
        r0.put("J_after", 1.25);
        r0.put("lbfgs_iterations", 30);
        r0.put("lbfgs_stop", "MAX_ITERATIONS");
        r0.put("whole", 2.0);
        h.validation(r0, 0.5);
        Map<String, Object> r1 = h.round(1);
        r1.put("J_after", Double.NaN);
        h.validation(r1, 0.25);
        TrainingHistory back = TrainingHistory.restore(Checkpoint.normalise(h.toMap()));
        assertEquals(h.toMap(), back.toMap());
        assertEquals(0, back.bestRound());
        assertEquals(0.5, back.bestValidation());
    }
}
