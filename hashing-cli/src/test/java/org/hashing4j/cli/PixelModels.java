package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;

/** Real model files for the CLI tests that read image files: fitted in milliseconds, saved by {@link ModelFiles}. */
final class PixelModels {
    private PixelModels() {
    }

    /**
     * A 32-bit LSH model fitted on 50 random 28x28 grey "images" (rows of 784 pixels in [0,1]) drawn
     * from {@code dataSeed}, saved to {@code file}; images given to it are decoded as 1x28x28.
     */
    static Path lsh28x28(Path file, long dataSeed) {
        Random rnd = new Random(dataSeed);
        float[][] train = new float[50][784];
        for (float[] row : train) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextFloat();
            }
        }
        TrainedModel lsh = MethodRegistry.get("lsh").fit(new FeatureSet(train, null, new int[] {1, 28, 28},
                "random-pixels"), new MethodConfig(32, 9), TrainingContext.quiet());
        ModelFiles.save(file, lsh, Map.of());
        return file;
    }
}
