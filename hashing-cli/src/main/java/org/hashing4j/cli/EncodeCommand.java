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

/**
 * {@code hashing encode}: turns a dataset split held in memory, or a collection of image files
 * streamed from disk ({@code --images}, or a dataset whose images are files), into codes with a saved
 * model; for image files it also writes the paths, one a line in code order, next to the codes.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode a dataset split (query, database or train) or a collection of image files (--images)"
            + " to binary codes with a trained model.",
            "Image files are decoded on --threads threads in batches, with bounded memory; their paths are written"
            + " to OUT.paths.txt (one a line, in code order) for 'hashing index build --paths'."})
public final class EncodeCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    CollectionInput collection = new CollectionInput();

    @Option(names = "--model", required = true, description = "Model file (models/<method>-<bits>.zip in a run folder).")
    Path model;

    @Option(names = "--dataset", description = "Dataset, e.g. fashion-mnist (or give --images).")
    String dataset;

    @Option(names = "--protocol", description = "Split protocol (default: the dataset's first; `hashing datasets` lists them).")
    String protocol;

    @Option(names = "--split", defaultValue = "database", description = "query, database or train (default: ${DEFAULT-VALUE}).")
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
        RetrievalSplit s = collection.images == null && dataset != null
                ? Datasets.load(dataset, protocol, seed, dataDir, collection.datasetOptions()) : null;
        if (s != null) {
            for (String note : s.notes()) {
                System.err.println("note: " + note);
            }
        }
        if (s == null || !s.hasFeatures()) {
            CollectionInput.Encoded e = collection.encode(m, collection.list(s, split));
            CodeFiles.write(out, e.result().codes());
            Path pathsFile = pathsFile(out);
            CollectionInput.writeLines(pathsFile, e.paths());
            System.out.println("wrote " + e.result().codes().size() + " codes to " + out + " and their paths to " + pathsFile);
            return 0;
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

    /** {@code codes.npy} → {@code codes.paths.txt}. */
    static Path pathsFile(Path codes) {
        String n = codes.getFileName().toString();
        return codes.resolveSibling((n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n) + ".paths.txt");
    }
}
