package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.training.DeepTrainer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.models.training.KilledRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A JMLH training JVM killed with SIGKILL after an epoch resumes here to the weights of an uninterrupted run. */
class JmlhKilledRunTest {
    static final FeatureSet DATA = ToyData.clusters(240, 16, 3, 11);
    static final int EPOCHS = 3;

    /** A small MLP run with validation, so that the kept best weights cross the kill as well. */
    static MethodConfig config() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backbone", "mlp");
        p.put("hidden", "32");
        p.put("epochs", EPOCHS);
        p.put("batch_size", 32);
        p.put("learning_rate", 0.01);
        p.put("validation_size", 40);
        return new MethodConfig(8, 5, p);
    }

    @Test
    void aKilledRunResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        Path killed = dir.resolve("killed");
        int survived = KilledRun.killAfter(JmlhKillTarget.class, List.of(killed.toString()), killed, 1,
                dir.resolve("child.log"), 120);
        assertTrue(survived >= 1 && survived < EPOCHS, "killed after epoch " + survived);
        JmlhModel resumed = new JmlhMethod().fit(DATA, config(), new TrainingContext(null, killed, true));
        JmlhModel straight = new JmlhMethod().fit(DATA, config(), new TrainingContext(null, dir.resolve("straight"), false));
        Map<String, INDArray> a = straight.network().parameters();
        Map<String, INDArray> b = resumed.network().parameters();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(exact(a.get(name)), exact(b.get(name)), name);
        }
        assertEquals(straight.encode(DATA.features()), resumed.encode(DATA.features()));
        assertEquals(straight.modelProvenance().details().get("best_epoch"), resumed.modelProvenance().details().get("best_epoch"));
        Checkpoint cs = Checkpoint.read(dir.resolve("straight"));
        Checkpoint cr = Checkpoint.read(killed);
        for (String group : List.of(DeepTrainer.WEIGHTS, "adam", DeepTrainer.BEST)) {
            for (String name : cs.arrays(group).keySet()) {
                assertArrayEquals(exact(cs.array(group, name)), exact(cr.array(group, name)), group + "/" + name);
            }
        }
        assertEquals(cs.state("iteration"), cr.state("iteration"));
    }

    private static double[] exact(INDArray a) {
        return a.dup().castTo(DataType.DOUBLE).data().asDouble();
    }
}
