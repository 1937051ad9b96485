package org.hashing4j.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.training.DeepHashingMethod;
import org.junit.jupiter.api.Test;

/**
 * Every experiment file shipped in {@code experiments/} parses, names registered methods, and gives
 * deep methods only parameters they know (checked without training).
 */
class ShippedConfigsTest {
    @Test
    void shippedExperimentsAreValid() throws Exception {
        Path dir = Path.of("..", "experiments");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            ExperimentConfig c = ExperimentConfig.read(f);
            for (ExperimentConfig.MethodEntry e : c.methods) {
                if (MethodRegistry.get(e.method) instanceof DeepHashingMethod deep) {
                    deep.settings(new MethodConfig(32, 1, e.params), true);
                }
            }
        }
    }
}
