package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hashing4j.experiment.ExperimentConfig;
import org.hashing4j.experiment.ExperimentRunner;
import org.hashing4j.experiment.RunFolder;
import org.hashing4j.core.HashingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hashing train}: trains one or more methods at one or more bit lengths, from flags or from an
 * experiment file, and writes a run folder with models, codes, metrics and the report.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train hash functions, encode the query set and database, evaluate, and write a report.",
            "Either give --config FILE (an experiment in experiments/) or the method and data as flags."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Experiment file (YAML or JSON); the other data/method flags must not be given.")
    Path configFile;

    @Option(names = "--method", split = ",", description = "Method name(s), e.g. jmlh, uh-bdnn, itq (comma-separated).")
    List<String> methods;

    @Option(names = "--dataset", description = "Dataset (see `hashing datasets`); default fashion-mnist.")
    String dataset;

    @Option(names = "--protocol", description = "Split protocol, e.g. standard or sampled (default: the dataset's first; `hashing datasets` lists them).")
    String protocol;

    @Option(names = "--features", description = "Input features: pixels (default).")
    String features;

    @Option(names = "--bits", split = ",", description = "Code lengths, e.g. 16,32,64; default 32.")
    List<Integer> bits;

    @Option(names = "--backbone", description = "Backbone for deep methods: cnn, mlp, features, or an ImageNet network built as a SameDiff graph: alexnet, vgg16, resnet18, resnet50 (with -p backbone_weights=random|FILE.npz, -p input_size=N, -p layer=NAME).")
    String backbone;

    @Option(names = "--epochs", description = "Training epochs for deep methods.")
    Integer epochs;

    @Option(names = "--train-size", description = "Train on a seeded random subset of this many training items.")
    Integer trainSize;

    @Option(names = {"-p", "--param"}, description = "Method hyper-parameter key=value (repeatable), e.g. -p lambda=0.1.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--seed", description = "Random seed; default 42.")
    Long seed;

    @Option(names = "--data-dir", description = "Folder holding the dataset files.")
    Path dataDir;

    @Option(names = "--ground-truth", description = "labels, knn or both (knn: Euclidean nearest neighbours, for unsupervised methods).")
    String groundTruth;

    @Option(names = "--out", required = true, description = "Run folder to write.")
    Path out;

    @Option(names = "--force", description = "Overwrite a run folder that already holds results.")
    boolean force;

    @Option(names = "--resume", description = "Continue an interrupted run: keep finished models, resume from checkpoints.")
    boolean resume;

    @Option(names = "--report-only", description = {"Train nothing: report the models already in --out (a long run"
            + " still going, or stopped) and list the ones not trained yet; --resume completes the run later."})
    boolean reportOnly;

    @Override
    public Integer call() {
        ExperimentConfig config = configFile != null ? fromFile() : fromFlags();
        if (dataDir != null) {
            config.dataDir = dataDir.toString();
        }
        if (reportOnly && (force || !java.nio.file.Files.isDirectory(out))) {
            throw new HashingException(force ? "--report-only reports an existing run; it cannot be combined with --force"
                    : "--report-only: " + out + " is not a run folder");
        }
        RunFolder run = RunFolder.prepare(out, force, resume || reportOnly);
        Path report = new ExperimentRunner(config).resume(resume).finishedOnly(reportOnly)
                .listener(new ConsoleExperimentListener(System.out)).run(run);
        System.out.println("Report: " + report.toAbsolutePath());
        return 0;
    }

    private ExperimentConfig fromFile() {
        if (methods != null || dataset != null || protocol != null || bits != null || backbone != null
                || epochs != null || trainSize != null || !params.isEmpty() || seed != null || features != null
                || groundTruth != null) {
            throw new HashingException("--config cannot be combined with method or data flags; edit the experiment file instead");
        }
        return ExperimentConfig.read(configFile);
    }

    private ExperimentConfig fromFlags() {
        if (methods == null || methods.isEmpty()) {
            throw new HashingException("give --method (e.g. --method jmlh) or --config FILE");
        }
        ExperimentConfig c = new ExperimentConfig();
        if (dataset != null) {
            c.dataset = dataset;
        }
        if (protocol != null) {
            c.protocol = protocol;
        }
        if (features != null) {
            c.features = features;
        }
        if (bits != null) {
            c.bits = new ArrayList<>(bits);
        }
        if (seed != null) {
            c.seed = seed;
        }
        if (groundTruth != null) {
            c.evaluation.groundTruth = groundTruth;
        }
        for (String m : methods) {
            Map<String, Object> p = new LinkedHashMap<>(params);
            if (backbone != null) {
                p.put("backbone", backbone);
            }
            if (epochs != null) {
                p.put("epochs", epochs);
            }
            ExperimentConfig.MethodEntry e = new ExperimentConfig.MethodEntry(m, p);
            e.trainSize = trainSize;
            c.methods.add(e);
        }
        c.name = String.join("+", methods) + " on " + c.dataset;
        c.validate("command line");
        return c;
    }
}
