package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.training.DeepTrainer;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.ValidationMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class JmlhMethodTest {
    private static final FeatureSet TOY = ToyData.clusters(240, 16, 3, 11);

    private static MethodConfig mlp(int bits, int epochs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backbone", "mlp");
        p.put("hidden", "32");
        p.put("epochs", epochs);
        p.put("batch_size", 32);
        p.put("learning_rate", 0.01);
        return new MethodConfig(bits, 5, p);
    }

    @Test
    void registeredAsSupervisedJmlh() {
        assertEquals("JMLH", MethodRegistry.get("jmlh").displayName());
        assertTrue(MethodRegistry.get("JMLH").supervised());
    }

    @Test
    void learnsCodesThatGroupTheClasses() {
        JmlhModel model = new JmlhMethod().fit(TOY, mlp(8, 6), TrainingContext.quiet());
        BinaryCodes codes = model.encode(TOY.features());
        assertEquals(240, codes.size());
        assertEquals(8, codes.bits());
        double map = ValidationMap.meanAveragePrecision(codes, TOY.labels(), 60);
        assertTrue(map > 0.9, "mAP on separable clusters should be high, got " + map);
    }

    @Test
    void encodingDoesNotDependOnTheBatchSize() {
        JmlhModel model = new JmlhMethod().fit(TOY, mlp(8, 1), null);
        BinaryCodes whole = model.network().encode(TOY.features(), 1000);
        assertEquals(whole, model.network().encode(TOY.features(), 7));
        assertEquals(whole, model.network().encode(TOY.features(), 100));
    }

    @Test
    void sameSeedGivesTheSameModel() {
        BinaryCodes a = new JmlhMethod().fit(TOY, mlp(8, 2), null).encode(TOY.features());
        BinaryCodes b = new JmlhMethod().fit(TOY, mlp(8, 2), null).encode(TOY.features());
        assertEquals(a, b);
    }

    @Test
    void saveAndLoadGiveIdenticalCodes(@TempDir Path dir) {
        JmlhModel model = new JmlhMethod().fit(TOY, mlp(12, 1), null);
        Path file = dir.resolve("jmlh.zip");
        ModelFiles.save(file, model, Map.of("mAP", 0.5));
        TrainedModel loaded = ModelFiles.load(file);
        assertInstanceOf(JmlhModel.class, loaded);
        assertEquals(12, loaded.bits());
        assertEquals(16, loaded.inputDimension());
        assertEquals("mlp", ((JmlhModel) loaded).backboneName());
        assertEquals(model.encode(TOY.features()), loaded.encode(TOY.features()));
        assertEquals(5L, loaded.modelProvenance().seed());
    }

    @Test
    void corruptOrMismatchedModelFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        JmlhModel model = new JmlhMethod().fit(TOY, mlp(8, 1), null);
        Path file = dir.resolve("m.zip");
        ModelFiles.save(file, model, Map.of());
        Path cut = dir.resolve("cut.zip");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(HashingException.class, () -> ModelFiles.load(cut));
        HashingException wrongWidth = assertThrows(HashingException.class, () -> model.encode(new float[][] {new float[15]}));
        assertTrue(wrongWidth.getMessage().contains("16"));
    }

    @Test
    void aModelFileWhoseManifestDisagreesIsRejected(@TempDir Path dir) throws Exception {
        JmlhModel model = new JmlhMethod().fit(TOY, mlp(8, 1), null);
        Path file = dir.resolve("m.zip");
        ModelFiles.save(file, model, Map.of());
        // Rewrite the manifest to claim 16 bits, as if another model's manifest were paired with these weights.
        Map<String, byte[]> entries = ModelArchive.unzip(Files.newInputStream(file), file.toString());
        String manifest = new String(entries.get(ModelFiles.MANIFEST), java.nio.charset.StandardCharsets.UTF_8);
        entries.put(ModelFiles.MANIFEST, manifest.replaceFirst("\"bits\" : 8", "\"bits\" : 16")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path tampered = dir.resolve("tampered.zip");
        Files.write(tampered, ModelArchive.zip(entries));
        HashingException e = assertThrows(HashingException.class, () -> ModelFiles.load(tampered));
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("8"), e.getMessage());
    }

    @Test
    void cnnBackboneTrainsAndRecordsTheImageShape(@TempDir Path dir) {
        FeatureSet images = ToyData.images(48, 1, 16, 16, 2, 3);
        for (String layout : new String[] {"nhwc", "nchw"}) {
            MethodConfig c = new MethodConfig(8, 1, Map.of("backbone", "cnn", "epochs", 1, "batch_size", 16, "layout", layout));
            JmlhModel model = new JmlhMethod().fit(images, c, null);
            assertEquals("cnn", model.backboneName());
            assertArrayEquals(new int[] {1, 16, 16}, model.imageShape());
            assertEquals(List.of(1, 16, 16), ((Map<?, ?>) model.provenance().get("input")).get("image_shape"));
            Path file = dir.resolve(layout + ".zip");
            ModelFiles.save(file, model, Map.of());
            assertEquals(model.encode(images.features()), ModelFiles.load(file).encode(images.features()));
        }
    }

    @Test
    void resumedRunEndsWithTheSameWeights(@TempDir Path dir) {
        List<String> messages = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        JmlhModel straight = new JmlhMethod().fit(TOY, mlp(8, 3), new TrainingContext(null, dir.resolve("a"), false));
        assertTrue(Files.exists(dir.resolve("a").resolve(Checkpoint.FILE)));
        // Interrupted after one epoch, then resumed to three.
        new JmlhMethod().fit(TOY, mlp(8, 1), new TrainingContext(null, dir.resolve("b"), false));
        JmlhModel resumed = new JmlhMethod().fit(TOY, mlp(8, 3), new TrainingContext(l, dir.resolve("b"), true));
        assertTrue(messages.stream().anyMatch(m -> m.contains("resuming")), messages.toString());
        Map<String, INDArray> a = straight.network().parameters();
        Map<String, INDArray> b = resumed.network().parameters();
        for (String name : a.keySet()) {
            assertEquals(a.get(name), b.get(name), name);
        }
        assertEquals(straight.encode(TOY.features()), resumed.encode(TOY.features()));
        assertEquals(3, ((List<?>) resumed.modelProvenance().details().get("history")).size());
    }

    /** A run interrupted under the previous, JMLH-only checkpoint format still resumes. */
    @Test
    void aCheckpointOfThePreviousFormatIsResumed(@TempDir Path dir) throws Exception {
        JmlhModel straight = new JmlhMethod().fit(TOY, mlp(8, 2), new TrainingContext(null, dir.resolve("a"), false));
        Path old = dir.resolve("b");
        new JmlhMethod().fit(TOY, mlp(8, 1), new TrainingContext(null, old, false));
        // Rewrite the checkpoint in the old layout: jmlh-checkpoint.zip, weights/ and adam/ entries.
        Checkpoint cp = Checkpoint.read(old);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("format", JmlhLegacyCheckpoint.FORMAT);
        state.put("epochs_done", cp.stepsDone());
        state.put("iteration", cp.state("iteration").asInt());
        state.put("fingerprint", cp.fingerprint());
        state.put("best_epoch", -1);
        state.put("best_map", null);
        state.put("history", cp.state("history"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("state.json", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(state));
        for (String group : List.of(DeepTrainer.WEIGHTS, "adam")) {
            cp.arrays(group).forEach((name, a) -> entries.put(group + "/" + name + ".npy", ModelArchive.toNpy(a)));
        }
        Files.write(old.resolve(JmlhLegacyCheckpoint.FILE), ModelArchive.zip(entries));
        Files.delete(Checkpoint.file(old));

        List<String> messages = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        JmlhModel resumed = new JmlhMethod().fit(TOY, mlp(8, 2), new TrainingContext(l, old, true));
        assertTrue(messages.stream().anyMatch(m -> m.contains(JmlhLegacyCheckpoint.FILE)), messages.toString());
        Map<String, INDArray> a = straight.network().parameters();
        Map<String, INDArray> b = resumed.network().parameters();
        for (String name : a.keySet()) {
            assertEquals(a.get(name), b.get(name), name);
        }
        assertEquals(2, Checkpoint.read(old).stepsDone(), "the next checkpoint is in the shared format");
    }

    @Test
    void resumeRefusesACheckpointOfAnotherConfiguration(@TempDir Path dir) {
        new JmlhMethod().fit(TOY, mlp(8, 1), new TrainingContext(null, dir, false));
        HashingException e = assertThrows(HashingException.class,
                () -> new JmlhMethod().fit(TOY, mlp(16, 2), new TrainingContext(null, dir, true)));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    @Test
    void validationKeepsTheBestEpoch() {
        List<Map<String, Double>> epochs = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void phaseFinished(Map<String, Double> metrics) {
                epochs.add(metrics);
            }
        };
        JmlhModel model = new JmlhMethod().fit(TOY, mlp(8, 3).with("validation_size", 60), new TrainingContext(l, null, false));
        assertEquals(3, epochs.size());
        double best = -1;
        int bestEpoch = -1;
        for (Map<String, Double> m : epochs) {
            assertNotNull(m.get("validation_map"));
            assertTrue(m.get("images_per_s") > 0);
            if (m.get("validation_map") > best) {
                best = m.get("validation_map");
                bestEpoch = m.get("epoch").intValue();
            }
        }
        assertEquals(bestEpoch, ((Number) model.modelProvenance().details().get("best_epoch")).intValue());
        assertEquals(180, model.modelProvenance().details().get("training_items"));
    }

    @Test
    void multiLabelDataUseSigmoidCrossEntropy() {
        int n = 90;
        int[][] hot = new int[n][4];
        float[][] x = new float[n][6];
        java.util.Random r = new java.util.Random(2);
        for (int i = 0; i < n; i++) {
            hot[i][i % 4] = 1;
            hot[i][(i / 4) % 4] = 1;
            for (int j = 0; j < 6; j++) {
                x[i][j] = (float) r.nextGaussian() + (j < 4 ? hot[i][j] : 0);
            }
        }
        FeatureSet data = new FeatureSet(x, Labels.multiHot(hot), null, "toy-multi");
        JmlhModel model = new JmlhMethod().fit(data, mlp(8, 1), null);
        assertEquals(n, model.encode(x).size());
        assertEquals(Boolean.TRUE, model.modelProvenance().details().get("multi_label"));
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertThrows(HashingException.class, () -> new JmlhMethod().fit(TOY, mlp(8, 1).with("backbone", "resnet"), null));
        HashingException noImages = assertThrows(HashingException.class,
                () -> new JmlhMethod().fit(TOY, mlp(8, 1).with("backbone", "cnn"), null));
        assertTrue(noImages.getMessage().contains("image"), noImages.getMessage());
        assertThrows(HashingException.class, () -> new JmlhMethod().fit(TOY, mlp(8, 1).with("epoch", 3), null));
        assertThrows(HashingException.class, () -> new JmlhMethod().fit(TOY, mlp(8, 1).with("batch_size", 0), null));
        HashingException camel = assertThrows(HashingException.class,
                () -> new JmlhMethod().fit(TOY, mlp(8, 1).with("learningRate", 0.01), null));
        assertTrue(camel.getMessage().contains("did you mean 'learning_rate'?"), camel.getMessage());
        assertThrows(HashingException.class, () -> new JmlhMethod().fit(TOY, mlp(8, 1).with("validation_size", 240), null));
        FeatureSet unlabelled = new FeatureSet(TOY.features(), null, null, "unlabelled");
        assertThrows(HashingException.class, () -> new JmlhMethod().fit(unlabelled, mlp(8, 1), null));
    }
}
