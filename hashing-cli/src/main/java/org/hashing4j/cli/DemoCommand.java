package org.hashing4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashing4j.experiment.ExperimentConfig;
import org.hashing4j.experiment.ExperimentRunner;
import org.hashing4j.experiment.RunFolder;
import org.hashing4j.core.HashingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hashing demo}: the README's first command. Trains JMLH on Fashion-MNIST at 16, 32 and 64
 * bits (standard protocol), evaluates, and writes a report; the experiment is the bundled
 * {@code experiments/demo-fashion-mnist-jmlh.yaml}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train JMLH on Fashion-MNIST at 16, 32 and 64 bits, evaluate on the standard split",
            "(10,000 queries, 60,000 database) and write an HTML report. About 5 minutes on 2 idle cores."})
public final class DemoCommand implements Callable<Integer> {
    static final String EXPERIMENT = "demo-fashion-mnist-jmlh.yaml";

    @Option(names = "--out", defaultValue = "runs/demo", description = "Run folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data-dir", description = "Folder holding the Fashion-MNIST files.")
    Path dataDir;

    @Option(names = "--force", description = "Overwrite a run folder that already holds results.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path tmp = Files.createTempFile("hashing-demo", ".yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream("/experiments/" + EXPERIMENT)) {
            if (in == null) {
                throw new HashingException("the demo experiment " + EXPERIMENT + " is missing from the build");
            }
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ExperimentConfig config = ExperimentConfig.read(tmp);
            if (dataDir != null) {
                config.dataDir = dataDir.toString();
            }
            RunFolder run = RunFolder.prepare(out, force, false);
            long t0 = System.nanoTime();
            Path report = new ExperimentRunner(config)
                    .listener(new ConsoleExperimentListener(System.out)).run(run);
            System.out.printf("Demo finished in %.1f minutes.%n", (System.nanoTime() - t0) / 6e10);
            System.out.println("Report: " + report.toAbsolutePath());
            return 0;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
