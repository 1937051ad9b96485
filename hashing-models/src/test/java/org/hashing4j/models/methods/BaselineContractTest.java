package org.hashing4j.models.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every baseline promises: registry names, save/load round trips, one-line errors for bad input. */
class BaselineContractTest {
    static final FeatureSet TRAIN = SyntheticData.classes(300, 3, 3, 5, 12, 1, "train");
    static final FeatureSet OTHER = SyntheticData.classes(60, 3, 3, 5, 12, 2, "other");

    static MethodConfig config(String method, int bits) {
        return SupervisedBaselinesTest.config(method, bits, 5);
    }

    @ParameterizedTest
    @CsvSource({"lsh,LSH,false", "pcah,PCAH,false", "itq,ITQ,false", "sh,SH,false", "sdh,SDH,true",
            "itq-cca,ITQ-CCA,true", "ksh,KSH,true"})
    void registeredWithTheirNames(String name, String display, boolean supervised) {
        HashingMethod m = MethodRegistry.get(name);
        assertEquals(name, m.name());
        assertEquals(display, m.displayName());
        assertEquals(supervised, m.supervised());
        assertEquals(name, MethodRegistry.get(display).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lsh", "pcah", "itq", "sh", "sdh", "itq-cca", "ksh"})
    void saveAndLoadGiveIdenticalCodes(String name, @TempDir Path dir) {
        TrainedModel model = MethodRegistry.get(name).fit(TRAIN, config(name, 7), TrainingContext.quiet());
        assertEquals(7, model.bits());
        assertEquals(8, model.inputDimension());
        assertEquals(name, model.method());
        Path file = dir.resolve(name + ".zip");
        ModelFiles.save(file, model, Map.of("note", 1));
        TrainedModel back = ModelFiles.load(file);
        assertEquals(model.getClass(), back.getClass());
        assertEquals(model.encode(TRAIN.features()), back.encode(TRAIN.features()));
        assertEquals(model.encode(OTHER.features()), back.encode(OTHER.features()));
        assertEquals(model.modelProvenance().data(), back.modelProvenance().data());
        assertEquals(TRAIN.size(), back.modelProvenance().data().trainingSize());
        // Encoding is deterministic and item by item: a subset encodes to the matching rows.
        BinaryCodes all = back.encode(OTHER.features());
        assertEquals(all.select(new int[] {5, 1}), back.encode(new float[][] {OTHER.features()[5], OTHER.features()[1]}));
        assertEquals(0, back.encode(new float[0][]).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sdh", "itq-cca", "ksh"})
    void supervisedMethodsNeedLabels(String name) {
        FeatureSet unlabelled = new FeatureSet(TRAIN.features(), null, null, "unlabelled");
        HashingException e = assertThrows(HashingException.class,
                () -> MethodRegistry.get(name).fit(unlabelled, config(name, 8), TrainingContext.quiet()));
        oneLine(e, name);
        assertTrue(e.getMessage().contains("labels"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcah", "itq", "itq-cca"})
    void moreBitsThanDimensionsIsRejected(String name) {
        HashingException e = assertThrows(HashingException.class,
                () -> MethodRegistry.get(name).fit(TRAIN, config(name, 9), TrainingContext.quiet()));
        oneLine(e, name);
        assertTrue(e.getMessage().contains("9") && e.getMessage().contains("8"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lsh", "pcah", "itq", "sh", "sdh", "itq-cca", "ksh"})
    void unknownParametersAndWrongInputWidthAreRejected(String name) {
        HashingException e = assertThrows(HashingException.class, () -> MethodRegistry.get(name)
                .fit(TRAIN, new MethodConfig(4, 1, Map.of("no_such_parameter", 1)), TrainingContext.quiet()));
        oneLine(e, name);
        assertTrue(e.getMessage().contains("no_such_parameter"));
        TrainedModel m = MethodRegistry.get(name).fit(TRAIN, config(name, 4), TrainingContext.quiet());
        HashingException w = assertThrows(HashingException.class, () -> m.encode(new float[][] {{1, 2, 3}}));
        oneLine(w, name);
    }

    @Test
    void kernelMethodsRejectMoreAnchorsThanItemsAndBadValues() {
        FeatureSet tiny = TRAIN.select(new int[] {0, 1, 2, 3, 4, 5}, "tiny");
        for (String name : new String[] {"sdh", "ksh"}) {
            HashingException e = assertThrows(HashingException.class, () -> MethodRegistry.get(name)
                    .fit(tiny, new MethodConfig(4, 1, Map.of("anchors", 10)), TrainingContext.quiet()));
            oneLine(e, name);
            assertTrue(e.getMessage().contains("anchors"), e.getMessage());
        }
        assertThrows(HashingException.class, () -> MethodRegistry.get("sdh")
                .fit(TRAIN, new MethodConfig(4, 1, Map.of("anchors", 20, "lambda", -1)), TrainingContext.quiet()));
        assertThrows(HashingException.class, () -> MethodRegistry.get("ksh")
                .fit(TRAIN, new MethodConfig(4, 1, Map.of("anchors", 20, "sigma", "wide")), TrainingContext.quiet()));
    }

    private static void oneLine(HashingException e, String method) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
