package org.hashing4j.models.methods.bdnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.KilledRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BDNN runs interrupted after some alternations and resumed from their checkpoint end with exactly
 * the network, codes B, kept network and history of an uninterrupted run — in process, and after a
 * SIGKILL of a separate training JVM.
 */
class BdnnResumeTest {
    private static DataType savedDefault;
    private static DataType savedFloatingPoint;

    /**
     * The killed child JVM runs with ND4J's default (float) data types, but another test class
     * (layers.LossLayerTestSupport) switches this JVM's defaults to double in a static initialiser;
     * when it ran first (test order changes as classes are added), the resumed run's objective values
     * differed from the straight run's in the last bits. Run with the child's defaults, and put the
     * JVM's back afterwards for the classes that rely on double.
     */
    @org.junit.jupiter.api.BeforeAll
    static void useTheChildJvmsDefaults() {
        savedDefault = org.nd4j.linalg.factory.Nd4j.dataType();
        savedFloatingPoint = org.nd4j.linalg.factory.Nd4j.defaultFloatingPointType();
        org.nd4j.linalg.factory.Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreDefaults() {
        org.nd4j.linalg.factory.Nd4j.setDefaultDataTypes(savedDefault, savedFloatingPoint);
    }
    static final FeatureSet DATA = BdnnTestData.clusters(120, 10, 4, 0.8, 5);
    static final int ALTERNATIONS = 3;

    /** Tiny UH-BDNN in double precision; early stopping off so that every alternation runs. */
    static MethodConfig uhConfig(int alternations) {
        return BdnnTestData.smallConfig(4, tiny(alternations, Map.of("precision", "double", "early_stopping", false,
                "validation_neighbours", 5)));
    }

    private static Map<String, Object> tiny(int alternations, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hidden1", 10);
        p.put("hidden2", 6);
        p.put("alternations", alternations);
        p.put("lbfgs_iterations", 5);
        p.put("init_iterations", 10);
        p.put("validation_queries", 30);
        p.putAll(extra);
        return p;
    }

    private static MethodConfig shConfig(int alternations) {
        // Early stopping on with patience 1, so that the kept network and the stop decision are
        // exercised across the resume.
        return BdnnTestData.smallSupervisedConfig(4, tiny(alternations, Map.of("patience", 1)));
    }

    private static TrainingContext context(Path dir, boolean resume, List<String> messages) {
        TrainingListener l = new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        return new TrainingContext(l, dir, resume);
    }

    @Test
    void uhBdnnResumedAfterAnAlternationEqualsAStraightRun(@TempDir Path dir) {
        List<String> messages = new ArrayList<>();
        BdnnModel straight = UhBdnnTrainer.train(new UhBdnnMethod(), DATA, uhConfig(ALTERNATIONS),
                context(dir.resolve("a"), false, messages)).model();
        UhBdnnTrainer.train(new UhBdnnMethod(), DATA, uhConfig(1), context(dir.resolve("b"), false, messages));
        assertEquals(1, Checkpoint.read(dir.resolve("b")).stepsDone());
        messages.clear();
        BdnnModel resumed = UhBdnnTrainer.train(new UhBdnnMethod(), DATA, uhConfig(ALTERNATIONS),
                context(dir.resolve("b"), true, messages)).model();
        assertTrue(messages.stream().anyMatch(m -> m.contains("resuming from") && m.contains("after alternation 1")),
                messages.toString());
        assertSameRun(straight, resumed, dir.resolve("a"), dir.resolve("b"));
    }

    @Test
    void relaxedUhBdnnResumedAfterTheInitialFitEqualsAStraightRun(@TempDir Path dir) {
        MethodConfig two = uhConfig(2).with("relaxed", true);
        BdnnModel straight = UhBdnnTrainer.train(new UhBdnnMethod(), DATA, two,
                context(dir.resolve("a"), false, new ArrayList<>())).model();
        UhBdnnTrainer.train(new UhBdnnMethod(), DATA, two.with("alternations", 0),
                context(dir.resolve("b"), false, new ArrayList<>()));
        BdnnModel resumed = UhBdnnTrainer.train(new UhBdnnMethod(), DATA, two,
                context(dir.resolve("b"), true, new ArrayList<>())).model();
        assertSameRun(straight, resumed, dir.resolve("a"), dir.resolve("b"));
    }

    @Test
    void shBdnnResumedAfterAnAlternationEqualsAStraightRun(@TempDir Path dir) {
        BdnnModel straight = ShBdnnTrainer.train(new ShBdnnMethod(), DATA, shConfig(ALTERNATIONS),
                context(dir.resolve("a"), false, new ArrayList<>())).model();
        ShBdnnTrainer.train(new ShBdnnMethod(), DATA, shConfig(1), context(dir.resolve("b"), false, new ArrayList<>()));
        BdnnModel resumed = ShBdnnTrainer.train(new ShBdnnMethod(), DATA, shConfig(ALTERNATIONS),
                context(dir.resolve("b"), true, new ArrayList<>())).model();
        assertSameRun(straight, resumed, dir.resolve("a"), dir.resolve("b"));
    }

    @Test
    void resumeWithOtherSettingsIsRefusedInOneLine(@TempDir Path dir) {
        UhBdnnTrainer.train(new UhBdnnMethod(), DATA, uhConfig(0), context(dir, false, new ArrayList<>()));
        HashingException e = assertThrows(HashingException.class, () -> UhBdnnTrainer.train(new UhBdnnMethod(), DATA,
                uhConfig(1).with("lambda2", 0.1), context(dir, true, new ArrayList<>())));
        assertTrue(e.getMessage().contains("another configuration") && e.getMessage().contains("lambda2"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        HashingException sh = assertThrows(HashingException.class, () -> ShBdnnTrainer.train(new ShBdnnMethod(), DATA,
                shConfig(1), context(dir, true, new ArrayList<>())));
        assertTrue(sh.getMessage().contains("uh-bdnn"), sh.getMessage());
    }

    /** A separate JVM trains, is killed with SIGKILL after its first alternation's checkpoint, and the run is resumed here. */
    @Test
    void aKilledUhBdnnRunResumesToTheSameModel(@TempDir Path dir) throws Exception {
        Path killed = dir.resolve("killed");
        int survived = KilledRun.killAfter(UhBdnnKillTarget.class, List.of(killed.toString()), killed, 1,
                dir.resolve("child.log"), 120);
        assertTrue(survived >= 1 && survived < ALTERNATIONS, "killed after alternation " + survived);
        BdnnModel resumed = UhBdnnTrainer.train(new UhBdnnMethod(), DATA, uhConfig(ALTERNATIONS),
                context(killed, true, new ArrayList<>())).model();
        BdnnModel straight = UhBdnnTrainer.train(new UhBdnnMethod(), DATA, uhConfig(ALTERNATIONS),
                context(dir.resolve("straight"), false, new ArrayList<>())).model();
        // Across JVMs, double-precision results were seen to differ in the last bit under heavy
        // machine load (ND4J's native reductions: the J values, and through them the training
        // network's double parameters, ~1e-16 relative), while the model (float encoder), its codes
        // and B stayed identical. So: those exact, the double values to 1e-12 relative.
        assertArrayEquals(exact(straight.encoder().params()), exact(resumed.encoder().params()), "encoder parameters");
        assertEquals(straight.encode(DATA.features()), resumed.encode(DATA.features()));
        assertCloseHistory(untimed(straight.modelProvenance().details().get("history")),
                untimed(resumed.modelProvenance().details().get("history")), "history");
        assertTimedAcrossTheResume(resumed);
        Checkpoint a = Checkpoint.read(dir.resolve("straight"));
        Checkpoint b = Checkpoint.read(killed);
        assertEquals(a.stepsDone(), b.stepsDone());
        assertArrayEquals(exact(a.array("codes", "b")), exact(b.array("codes", "b")), "B");
        for (String group : List.of("network", "best")) {
            double[] x = exact(a.array(group, "params"));
            double[] y = exact(b.array(group, "params"));
            assertEquals(x.length, y.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-12 * Math.max(1, Math.abs(x[i])), group + "/params[" + i + "]");
            }
        }
        assertEquals(a.state("stopped"), b.state("stopped"));
    }

    /** Equal structure, equal non-double values, doubles within 1e-12 relative. */
    private static void assertCloseHistory(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            assertEquals(e.keySet(), a.keySet(), path);
            for (Object k : e.keySet()) {
                assertCloseHistory(e.get(k), a.get(k), path + "." + k);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            assertEquals(e.size(), a.size(), path);
            for (int i = 0; i < e.size(); i++) {
                assertCloseHistory(e.get(i), a.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof Double e && actual instanceof Double a) {
            assertEquals(e, a, 1e-12 * Math.max(1, Math.abs(e)), path);
        } else {
            assertEquals(expected, actual, path);
        }
    }

    private static void assertSameArrays(Checkpoint a, Checkpoint b) {
        assertEquals(a.stepsDone(), b.stepsDone());
        for (String group : List.of("network", "codes", "best")) {
            assertEquals(a.arrays(group).keySet(), b.arrays(group).keySet());
            for (String name : a.arrays(group).keySet()) {
                assertArrayEquals(exact(a.array(group, name)), exact(b.array(group, name)), group + "/" + name);
            }
        }
    }

    /** Bit-identical networks, codes, history, and final checkpoints (network, B, kept network, state). */
    private static void assertSameRun(BdnnModel straight, BdnnModel resumed, Path straightDir, Path resumedDir) {
        assertArrayEquals(exact(straight.encoder().params()), exact(resumed.encoder().params()), "encoder parameters");
        assertEquals(straight.encode(DATA.features()), resumed.encode(DATA.features()));
        assertEquals(untimed(straight.modelProvenance().details().get("history")),
                untimed(resumed.modelProvenance().details().get("history")));
        assertTimedAcrossTheResume(resumed);
        Checkpoint a = Checkpoint.read(straightDir);
        Checkpoint b = Checkpoint.read(resumedDir);
        assertSameArrays(a, b);
        assertEquals(untimed(a.state("history")), untimed(b.state("history")));
        assertEquals(a.state("rounds_since_best"), b.state("rounds_since_best"));
        assertEquals(a.state("stopped"), b.state("stopped"));
    }

    /**
     * Every round, those run before the resume included, has its wall time, and the model's training
     * time is their sum: a resumed model counts the rounds its checkpoint brought back.
     */
    private static void assertTimedAcrossTheResume(BdnnModel resumed) {
        Map<?, ?> details = resumed.modelProvenance().details();
        double sum = 0;
        for (Object r : (List<?>) ((Map<?, ?>) details.get("history")).get("rounds")) {
            Object sec = ((Map<?, ?>) r).get("seconds");
            assertTrue(sec instanceof Number n && n.doubleValue() > 0, "round without its time: " + r);
            sum += ((Number) sec).doubleValue();
        }
        assertEquals(sum, ((Number) details.get("training_seconds")).doubleValue(), 1e-9);
    }

    /** A history (provenance map or checkpoint JSON) without the rounds' wall times, which no two runs share. */
    private static Object untimed(Object history) {
        if (history instanceof JsonNode json) {
            JsonNode copy = json.deepCopy();
            copy.path("rounds").forEach(r -> ((ObjectNode) r).remove("seconds"));
            return copy;
        }
        Map<Object, Object> m = new LinkedHashMap<>((Map<?, ?>) history);
        List<Object> rounds = new ArrayList<>();
        for (Object r : (List<?>) m.get("rounds")) {
            Map<Object, Object> round = new LinkedHashMap<>((Map<?, ?>) r);
            round.remove("seconds");
            rounds.add(round);
        }
        m.put("rounds", rounds);
        return m;
    }

    private static double[] exact(INDArray a) {
        return a.dup().castTo(DataType.DOUBLE).data().asDouble();
    }

    /**
     * The settings a checkpoint must match are the model's recorded settings; a checkpoint written
     * before they came from the method's declaration (the 32-bit SH-BDNN of the deep comparison run,
     * default parameters) must still be accepted, so the keys and JSON values must not have moved.
     */
    @Test
    void checkpointsWrittenBeforeTheDeclaredSettingsStillMatch() throws Exception {
        String written = "{\"hidden1\": 120, \"hidden2\": 50, \"lambda1\": 1e-05, \"lambda2\": 0.05, \"lambda3\": 0.01,"
                + " \"lambda4\": 5e-07, \"lambda5\": 0.01, \"pairwise\": \"factored\", \"lbfgs_iterations\": 100,"
                + " \"init_iterations\": 300, \"lbfgs_memory\": 20, \"train_samples\": 20000,"
                + " \"validation_queries\": 1000, \"patience\": 3, \"early_stopping\": true,"
                + " \"independence_term\": true, \"balance_term\": true, \"precision\": \"float\"}";
        MethodConfig config = new MethodConfig(32, 42, Map.of("precision", "FLOAT"));
        ShBdnnMethod method = new ShBdnnMethod();
        BdnnSettings s = BdnnSettings.supervised(method.name(), config);
        Map<String, Object> fingerprint = BdnnCheckpoints.fingerprint(method.name(), s,
                method.effectiveSettings(config, s), DATA);
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(written), json.valueToTree(fingerprint.get("settings")));

        // An ablated term is recorded as weight 0 (as before), and UH-BDNN records its own parameters.
        MethodConfig ablated = new MethodConfig(16, 42, Map.of("independence_term", false));
        UhBdnnMethod uh = new UhBdnnMethod();
        Map<String, Object> uhSettings = uh.effectiveSettings(ablated, BdnnSettings.unsupervised(uh.name(), ablated));
        assertEquals(0.0, uhSettings.get("lambda3"));
        assertEquals(5e-7, uhSettings.get("lambda4"));
        assertEquals(90, uhSettings.get("hidden1"));
        assertEquals(8, uhSettings.get("alternations"));
        assertTrue(uhSettings.containsKey("relaxed") && !uhSettings.containsKey("pairwise"));
    }
}
