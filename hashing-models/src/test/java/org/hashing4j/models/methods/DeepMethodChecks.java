package org.hashing4j.models.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;

/**
 * Checks every deep method's tests share: learning on small synthetic data (seconds), model files,
 * and parameter checking.
 */
public final class DeepMethodChecks {
    /** 4 well-separated classes in 8 signal dimensions plus 8 noise dimensions. */
    public static final FeatureSet TRAIN = SyntheticData.classes(480, 4, 8, 8, 7, 1, "train");
    public static final FeatureSet QUERIES = SyntheticData.classes(120, 4, 8, 8, 7, 2, "queries");

    private DeepMethodChecks() {
    }

    /** A small, fast configuration: MLP (32 hidden), Adam 0.01 unless overridden, batch 32. */
    public static MethodConfig config(int bits, int epochs, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backbone", "mlp");
        p.put("hidden", "32");
        p.put("epochs", epochs);
        p.put("batch_size", 32);
        p.put("optimizer", "adam");
        p.put("learning_rate", 0.01);
        p.put("weight_decay", 0);
        p.put("lr_schedule", "constant");
        p.put("backbone_lr_scale", 1);
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        return new MethodConfig(bits, 3, p);
    }

    /** Trains on {@link #TRAIN} and returns mAP@all of held-out queries against the training set. */
    public static double learnedMap(HashingMethod method, MethodConfig config) {
        TrainedModel model = method.fit(TRAIN, config, TrainingContext.quiet());
        return SyntheticData.mapAll(model, QUERIES, TRAIN);
    }

    /** Asserts the method learns: mAP far above chance (0.25 here). */
    public static void assertLearns(HashingMethod method, MethodConfig config, double min) {
        double map = learnedMap(method, config);
        assertTrue(map > min, method.name() + ": mAP " + map + " should exceed " + min + " (chance 0.25)");
    }

    /** The registry knows the method under {@code name}, with this supervision. */
    public static void assertRegistered(String name, boolean supervised) {
        HashingMethod m = MethodRegistry.get(name);
        assertEquals(name, m.name());
        assertEquals(supervised, m.supervised());
    }

    /** Unknown or camelCase parameters and bad values are one-line errors naming them. */
    public static void assertParametersChecked(HashingMethod method, String ownParameter, Object badValue) {
        HashingException unknown = assertThrows(HashingException.class,
                () -> method.fit(TRAIN, config(8, 1, "no_such_parameter", 1), null));
        assertTrue(unknown.getMessage().contains("no_such_parameter"), unknown.getMessage());
        HashingException camel = assertThrows(HashingException.class,
                () -> method.fit(TRAIN, config(8, 1, "learningRate", 0.1), null));
        assertTrue(camel.getMessage().contains("did you mean 'learning_rate'?"), camel.getMessage());
        HashingException bad = assertThrows(HashingException.class,
                () -> method.fit(TRAIN, config(8, 1, ownParameter, badValue), null));
        assertTrue(bad.getMessage().contains(ownParameter), bad.getMessage());
        assertTrue(!bad.getMessage().contains("\n"), "one line: " + bad.getMessage());
        HashingException optimizer = assertThrows(HashingException.class,
                () -> method.fit(TRAIN, config(8, 1, "optimizer", "rmsprop"), null));
        assertTrue(optimizer.getMessage().contains("optimizer"), optimizer.getMessage());
    }

    /** A saved and reloaded model gives identical codes. */
    public static void assertSaveLoad(HashingMethod method, MethodConfig config, Path dir) {
        TrainedModel model = method.fit(TRAIN, config, null);
        Path file = dir.resolve(method.name() + ".zip");
        ModelFiles.save(file, model, Map.of());
        TrainedModel loaded = ModelFiles.load(file);
        assertEquals(model.encode(QUERIES.features()), loaded.encode(QUERIES.features()));
        assertEquals(method.name(), loaded.method());
    }
}
