package org.hashing4j.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every experiment file shipped in {@code experiments/} parses, names registered methods, and gives
 * every method only parameters it knows with valid values (checked without training).
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
            // read() checks every entry's parameters for each of its bit lengths (HashingMethod.check).
            ExperimentConfig c = ExperimentConfig.read(f);
            assertFalse(c.methods.isEmpty(), f.toString());
        }
    }
}
