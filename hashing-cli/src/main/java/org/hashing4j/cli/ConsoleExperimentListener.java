package org.hashing4j.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.experiment.ExperimentListener;
import org.hashing4j.models.TrainingListener;

/**
 * Renders an experiment's progress on the console: steps and one result line per evaluated model
 * on standard output, training progress bars on standard error.
 */
final class ConsoleExperimentListener implements ExperimentListener {
    private final PrintStream out;

    ConsoleExperimentListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void message(String text) {
        out.println(text);
    }

    @Override
    public TrainingListener training(String key) {
        return ConsoleProgress.toStderr("[" + key + "]");
    }

    @Override
    public void evaluated(String label, int bits, String groundTruth, RetrievalMetrics m, double trainSeconds,
            double encodeRate) {
        StringBuilder sb = new StringBuilder();
        for (int k : m.topK()) {
            sb.append(String.format(Locale.ROOT, "mAP@%s %.4f  ", EvalOptions.topKLabel(k), m.mapAt(k)));
        }
        if (Arrays.stream(m.radii()).anyMatch(x -> x == 2)) {
            sb.append(String.format(Locale.ROOT, "P@H<=2 %.4f  ", m.precisionWithinRadius(2)));
        }
        out.printf(Locale.ROOT, "%-8s %3d bits (%s ground truth): %strain %.1fs, encode %.0f img/s%n", label, bits,
                groundTruth, sb, trainSeconds, encodeRate);
    }
}
