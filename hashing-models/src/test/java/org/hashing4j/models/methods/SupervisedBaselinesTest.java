package org.hashing4j.models.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The supervised baselines must find the class structure that unsupervised random projections
 * miss: on classes separated in 5 of 30 coordinates (the other 25 are louder noise), each beats
 * LSH in mAP@all by a wide margin, with single-label and with multi-label ground truth.
 */
class SupervisedBaselinesTest {
    static final int CLASSES = 5;
    static final FeatureSet TRAIN = SyntheticData.classes(600, CLASSES, 5, 25, 77, 1, "train");
    static final FeatureSet QUERIES = SyntheticData.classes(150, CLASSES, 5, 25, 77, 2, "queries");

    /** Small-data settings: fewer anchors and labelled items than the paper's defaults. */
    static MethodConfig config(String method, int bits, long seed) {
        Map<String, Object> params = switch (method) {
            case "sdh" -> Map.of("anchors", 100);
            case "ksh" -> Map.of("anchors", 100, "labelled", 300, "iterations", 200);
            default -> Map.of();
        };
        return new MethodConfig(bits, seed, params);
    }

    static double lshMap(FeatureSet train, FeatureSet queries) {
        double sum = 0;
        for (int seed = 0; seed < 3; seed++) {
            TrainedModel lsh = MethodRegistry.get("lsh").fit(train, new MethodConfig(16, seed), TrainingContext.quiet());
            sum += SyntheticData.mapAll(lsh, queries, train);
        }
        return sum / 3;
    }

    @ParameterizedTest
    @ValueSource(strings = {"itq-cca", "sdh", "ksh"})
    void beatsLshOnSeparatedClasses(String name) {
        HashingMethod method = MethodRegistry.get(name);
        assertTrue(method.supervised());
        TrainedModel model = method.fit(TRAIN, config(name, 16, 3), TrainingContext.quiet());
        double map = SyntheticData.mapAll(model, QUERIES, TRAIN);
        double lsh = lshMap(TRAIN, QUERIES);

        assertTrue(map > lsh + 0.2 && map > 0.8, name + " mAP " + map + " vs LSH " + lsh);
    }

    @ParameterizedTest
    @ValueSource(strings = {"itq-cca", "sdh", "ksh"})
    void acceptsMultiLabelGroundTruth(String name) {
        FeatureSet train = SyntheticData.withMultiLabels(TRAIN, CLASSES);
        FeatureSet queries = SyntheticData.withMultiLabels(QUERIES, CLASSES);
        TrainedModel model = MethodRegistry.get(name).fit(train, config(name, 16, 4), TrainingContext.quiet());
        double map = SyntheticData.mapAll(model, queries, train);
        double lsh = lshMap(train, queries);

        assertTrue(map > lsh + 0.1, name + " multi-label mAP " + map + " vs LSH " + lsh);
    }
}
