package org.hashing4j.models.bdnn;

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
import org.hashing4j.models.validation.RetrievalValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShBdnnMethodTest {
    private static final FeatureSet DATA = BdnnTestData.clusters(240, 16, 4, 1.5, 9);

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rounds(TrainedModel m) {
        return (List<Map<String, Object>>) ((Map<String, Object>) m.provenance().get("history")).get("rounds");
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
}
