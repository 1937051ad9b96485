package org.hashing4j.models.methods.bdnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.training.RetrievalValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShBdnnMethodTest {
    private static final FeatureSet DATA = BdnnTestData.clusters(240, 16, 4, 1.5, 9);

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rounds(TrainedModel m) {
        return (List<Map<String, Object>>) ((Map<String, Object>) m.modelProvenance().details().get("history")).get("rounds");
    }

    @Test
    void singleLabelCodesRetrieveTheClassAndSurviveSaveLoad(@TempDir Path dir) {
        TrainedModel model = MethodRegistry.get("sh-bdnn").fit(DATA, BdnnTestData.smallSupervisedConfig(6, Map.of()),
                TrainingContext.quiet());
        for (Map<String, Object> r : rounds(model)) {
            assertTrue((Double) r.get("J_after") < (Double) r.get("J_before"), r.toString());
        }
        BinaryCodes codes = model.encode(DATA.features());
        double map = RetrievalValidation.labels(DATA.labels(), 100, 3).meanAveragePrecision(codes);
        assertTrue(map > 0.8, "label mAP on well-separated clusters: " + map);
        Path file = dir.resolve("sh.zip");
        ModelFiles.save(file, model, Map.of());
        assertEquals(codes, ModelFiles.load(file).encode(DATA.features()));
    }

    @Test
    void multiLabelDataTrains() {
        Random r = new Random(4);
        int[][] hot = new int[DATA.size()][5];
        for (int i = 0; i < hot.length; i++) {
            hot[i][DATA.labels().classOf(i)] = 1;
            if (r.nextInt(3) == 0) {
                hot[i][4] = 1; // a second label shared across classes
            }
        }
        FeatureSet multi = new FeatureSet(DATA.features(), Labels.multiHot(hot), null, "multi");
        for (String mode : new String[] {"factored", "explicit"}) {
            TrainedModel model = new ShBdnnMethod().fit(multi, BdnnTestData.smallSupervisedConfig(6, Map.of("pairwise", mode)),
                    TrainingContext.quiet());
            double map = RetrievalValidation.labels(multi.labels(), 100, 3).meanAveragePrecision(model.encode(multi.features()));
            assertTrue(map > 0.6, mode + ": " + map);
        }
    }

    @Test
    void badInputIsAOneLineError() {
        FeatureSet unlabelled = new FeatureSet(DATA.features(), null, null, "nolabels");
        HashingException e = assertThrows(HashingException.class,
                () -> new ShBdnnMethod().fit(unlabelled, BdnnTestData.smallSupervisedConfig(4, Map.of()), TrainingContext.quiet()));
        assertTrue(e.getMessage().contains("labels"), e.getMessage());
        assertThrows(HashingException.class, () -> new ShBdnnMethod().fit(DATA,
                BdnnTestData.smallSupervisedConfig(4, Map.of("pairwise", "dense")), TrainingContext.quiet()));
        assertThrows(HashingException.class, () -> new ShBdnnMethod().fit(DATA,
                BdnnTestData.smallSupervisedConfig(4, Map.of("relaxed", true)), TrainingContext.quiet()));
        assertThrows(HashingException.class, () -> new ShBdnnMethod().fit(DATA,
                BdnnTestData.smallSupervisedConfig(12, Map.of()), TrainingContext.quiet()));
    }

    @Test
    void validationQueriesAreHeldOutOfTraining() {
        for (Map<String, Object> extra : List.<Map<String, Object>>of(Map.of(), Map.of("train_samples", 100),
                Map.of("train_samples", 0))) {
            BdnnSettings s = BdnnSettings.supervised("sh-bdnn", BdnnTestData.smallSupervisedConfig(4, extra));
            ShBdnnTrainer.Split split = ShBdnnTrainer.split(DATA, s);
            java.util.Set<String> trainRows = new java.util.HashSet<>();
            for (float[] row : split.train().features()) {
                trainRows.add(java.util.Arrays.toString(row));
            }
            for (float[] row : split.validation().features()) {
                assertTrue(!trainRows.contains(java.util.Arrays.toString(row)), "a validation query was trained on");
            }
            assertEquals(48, split.validation().size(), "validation_queries 50, capped at a fifth of 240 items");
            int expectedTrain = extra.equals(Map.of("train_samples", 100)) ? 100 : 240 - 48;
            assertEquals(expectedTrain, split.train().size(), extra.toString());
            assertEquals(split.train().size(), ShBdnnTrainer.split(DATA, s).train().size(), "deterministic");
        }
        TrainedModel model = MethodRegistry.get("sh-bdnn").fit(DATA, BdnnTestData.smallSupervisedConfig(6, Map.of()),
                TrainingContext.quiet());
        assertEquals(192, model.modelProvenance().details().get("training_items_used"));
        assertTrue(String.valueOf(model.modelProvenance().details().get("validation")).contains("48 held-out"),
                String.valueOf(model.modelProvenance().details().get("validation")));
    }
}
