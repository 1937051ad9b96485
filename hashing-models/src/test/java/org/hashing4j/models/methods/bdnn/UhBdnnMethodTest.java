package org.hashing4j.models.methods.bdnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UhBdnnMethodTest {
    private static final FeatureSet DATA = BdnnTestData.clusters(240, 16, 6, 0.6, 5);

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rounds(TrainedModel m) {
        return (List<Map<String, Object>>) ((Map<String, Object>) m.modelProvenance().details().get("history")).get("rounds");
    }

    @Test
    void everyNetworkStepAndBStepLowersItsObjective(@TempDir Path dir) {
        TrainedModel model = new UhBdnnMethod().fit(DATA, BdnnTestData.smallConfig(6, Map.of("early_stopping", false)),
                TrainingContext.quiet());
        List<Map<String, Object>> rounds = rounds(model);
        assertEquals(4, rounds.size(), "initial fit + 3 alternations");
        for (Map<String, Object> r : rounds) {
            assertTrue((Double) r.get("J_after") < (Double) r.get("J_before"), "network step did not lower J: " + r);
            if (r.containsKey("b_step_objective_before")) {
                assertTrue((Double) r.get("b_step_objective_after") <= (Double) r.get("b_step_objective_before"),
                        "B step raised its objective: " + r);
            }
        }
        // J never goes up: the B step (J_start ≤ previous J_after), the exact decoder (J_before ≤
        // J_start), then L-BFGS on the encoder (J_after < J_before).
        for (int t = 0; t < rounds.size(); t++) {
            Map<String, Object> r = rounds.get(t);
            assertTrue((Double) r.get("J_before") <= (Double) r.get("J_start") + 1e-6, r.toString());
            if (t > 0) {
                assertTrue((Double) r.get("J_start") <= (Double) rounds.get(t - 1).get("J_after") + 1e-6, r.toString());
            }
        }
        BinaryCodes codes = model.encode(DATA.features());
        assertEquals(240, codes.size());
        assertEquals(6, codes.bits());
        for (double balance : codes.bitBalance()) {
            assertTrue(Math.abs(balance) < 0.9, "a bit is nearly constant: " + balance);
        }
    }

    /** What lets an experiment show "UH-BDNN against its own ITQ initialisation" as an ITQ row. */
    @Test
    void itqInitialisationIsItqOnTheSameSample() {
        org.hashing4j.models.MethodConfig config = BdnnTestData.smallConfig(6, Map.of("train_samples", 150, "alternations", 0,
                "init_iterations", 1));
        UhBdnnTrainer.Outcome o = UhBdnnTrainer.train(new UhBdnnMethod(), DATA, config, TrainingContext.quiet());
        FeatureSet sample = org.hashing4j.models.MethodSupport.subset(DATA, 150, config.seed());
        TrainedModel itq = MethodRegistry.get("itq").fit(sample, new org.hashing4j.models.MethodConfig(6, config.seed(),
                Map.of()), TrainingContext.quiet());
        assertEquals(o.itq().model().encode(DATA.features()), itq.encode(DATA.features()));
    }

    @Test
    void saveAndLoadGiveIdenticalCodes(@TempDir Path dir) throws Exception {
        TrainedModel model = MethodRegistry.get("uh-bdnn").fit(DATA, BdnnTestData.smallConfig(5, Map.of("alternations", 1)),
                TrainingContext.quiet());
        Path file = dir.resolve("uh.zip");
        ModelFiles.save(file, model, Map.of());
        TrainedModel back = ModelFiles.load(file);
        assertEquals("uh-bdnn", back.method());
        assertEquals(5, back.bits());
        assertEquals(16, back.inputDimension());
        assertEquals(model.encode(DATA.features()), back.encode(DATA.features()));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void ablationsRun() {
        for (Map<String, Object> flags : List.<Map<String, Object>>of(Map.of("independence_term", false),
                Map.of("balance_term", false), Map.of("relaxed", true))) {
            TrainedModel m = new UhBdnnMethod().fit(DATA, BdnnTestData.smallConfig(4, flags), TrainingContext.quiet());
            assertEquals(4, m.encode(DATA.features()).bits(), flags.toString());
        }
    }

    @Test
    void badInputIsAOneLineError() {
        UhBdnnMethod m = new UhBdnnMethod();
        HashingException tooMany = assertThrows(HashingException.class,
                () -> m.fit(DATA, BdnnTestData.smallConfig(9, Map.of()), TrainingContext.quiet()));
        assertTrue(tooMany.getMessage().contains("hidden2"), tooMany.getMessage());
        assertThrows(HashingException.class, () -> m.fit(DATA, new MethodConfig(17, 1, Map.of("hidden2", 40)),
                TrainingContext.quiet()));
        assertThrows(HashingException.class, () -> m.fit(DATA, BdnnTestData.smallConfig(4, Map.of("lamda2", 1)),
                TrainingContext.quiet()));
        assertThrows(HashingException.class, () -> m.fit(DATA.select(new int[] {0}, "one"),
                BdnnTestData.smallConfig(4, Map.of()), TrainingContext.quiet()));
        assertThrows(HashingException.class, () -> new MethodConfig(0, 1));
        for (Throwable t : List.of(tooMany)) {
            assertTrue(!t.getMessage().contains("\n"));
        }
    }
}
