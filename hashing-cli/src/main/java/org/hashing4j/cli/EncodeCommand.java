package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hashing encode}: turns a dataset split into codes with a saved model. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode a dataset split (query, database or train) to binary codes with a trained model.")
public final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (models/<method>-<bits>.zip in a run folder).")
    Path model;

    @Option(names = "--dataset", required = true, description = "Dataset, e.g. fashion-mnist.")
    String dataset;

    @Option(names = "--protocol", defaultValue = "standard", description = "Split protocol (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--split", required = true, description = "query, database or train.")
    String split;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split protocol (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", description = "Folder holding the dataset files.")
    Path dataDir;

    @Option(names = "--method", description = "Expected method; the model file must match.")
    String expectMethod;

    @Option(names = "--bits", description = "Expected bit length; the model file must match.")
    Integer expectBits;

    @Option(names = "--out", required = true, description = "Codes file to write (.npy, with a .npy.json sidecar).")
    Path out;

    @Override
    public Integer call() {
        TrainedModel m = ModelFiles.load(model);
        if (expectMethod != null && !expectMethod.equalsIgnoreCase(m.method())) {
            throw new HashingException(model + " is a " + m.method() + " model, not " + expectMethod);
        }
        if (expectBits != null && expectBits != m.bits()) {
            throw new HashingException(model + " gives " + m.bits() + "-bit codes, not " + expectBits);
        }
        String renamed = m.modelProvenance() == null ? null : m.modelProvenance().data().renamedProtocolNote();
        if (renamed != null) {
            System.err.println("note: " + model + ": " + renamed);
        }
        RetrievalSplit s = Datasets.load(dataset, protocol, seed, dataDir);
        for (String note : s.notes()) {
            System.err.println("note: " + note);
        }
        FeatureSet set;
        switch (split) {
            case "query":
                set = s.query();
                break;
            case "database":
                set = s.database();
                break;
            case "train":
                set = s.train();
                break;
            default:
                throw new HashingException("--split must be query, database or train, got '" + split + "'");
        }
        if (set.dimension() != m.inputDimension()) {
            throw new HashingException(model + " expects " + m.inputDimension() + " features per item but "
                    + dataset + " has " + set.dimension());
        }
        long t0 = System.nanoTime();
        BinaryCodes codes = m.encode(set.features());
        double secs = (System.nanoTime() - t0) / 1e9;
        CodeFiles.write(out, codes);
        System.out.printf(Locale.ROOT, "Encoded %d items to %d-bit codes in %.1fs (%.0f images/s): %s%n",
                codes.size(), codes.bits(), secs, codes.size() / Math.max(secs, 1e-9), out);
        return 0;
    }
}
