package org.hashing4j.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hashing4j.core.HashingException;

/**
 * The folder of one experiment run and the names of everything in it:
 * {@code config.yaml}, {@code models/}, {@code codes/}, {@code checkpoints/}, {@code metrics.json},
 * {@code results.md}, {@code report.html}. A folder that already holds results is not reused unless
 * the user says {@code --force} (start over) or {@code --resume} (continue where it stopped).
 */
public final class RunFolder {
    private final Path dir;
    private final boolean created;

    private RunFolder(Path dir) {
        this.dir = dir;
        this.created = !Files.exists(dir);
    }

    /**
     * Opens {@code dir} for a new run. Fails if it already holds results and neither {@code force}
     * nor {@code resume} is set; with {@code force}, earlier results are removed first.
     */
    public static RunFolder prepare(Path dir, boolean force, boolean resume) {
        RunFolder f = new RunFolder(dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new HashingException(dir + " exists and is not a folder");
        }
        if (f.holdsResults() && !resume) {
            if (!force) {
                throw new HashingException(dir + " already holds results; use --force to overwrite them or --resume to continue");
            }
            for (String name : new String[] {"models", "codes", "checkpoints", "metrics.json", "results.md",
                    "report.html", "config.yaml"}) {
                deleteRecursively(dir.resolve(name));
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HashingException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        return f;
    }

    /**
     * Whether the folder already holds models, metrics or a report. A run that stopped before
     * training anything leaves only its configuration, which a new run may replace.
     */
    public boolean holdsResults() {
        return Files.exists(metrics()) || Files.exists(dir.resolve("models")) || Files.exists(report());
    }

    /**
     * Undoes what a run that failed before finishing any result wrote (its configuration and label
     * files), so that bad input leaves no half-made run folder behind; the folder itself goes too if
     * this run created it. Folders with results, and resumable checkpoints, are left alone.
     */
    public void discardIfNoResults() {
        if (holdsResults()) {
            return;
        }
        deleteRecursively(config());
        deleteRecursively(dir.resolve("codes"));
        try (Stream<Path> left = Files.list(dir)) {
            if (created && left.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new HashingException("cannot clean up run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return dir.resolve("config.yaml");
    }

    public Path metrics() {
        return dir.resolve("metrics.json");
    }

    public Path report() {
        return dir.resolve("report.html");
    }

    /**
     * A short file-name key for one trained model: method (or the entry's label) and bit length, e.g.
     * {@code jmlh-32} or {@code uh-bdnn-no-independence-16}.
     */
    public static String key(String methodOrLabel, int bits) {
        String slug = methodOrLabel.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return slug + "-" + bits;
    }

    public Path model(String key) {
        return dir.resolve("models").resolve(key + ".zip");
    }

    public Path codes(String key, String split) {
        return dir.resolve("codes").resolve(key + "-" + split + ".npy");
    }

    public Path labels(String split) {
        return dir.resolve("codes").resolve(split + "-labels.npy");
    }

    /** The folder of one model's training history ({@code history.csv}, {@code history.json}). */
    public Path history(String key) {
        return dir.resolve("history").resolve(key);
    }

    public Path checkpoints(String key) {
        return dir.resolve("checkpoints").resolve(key);
    }

    private static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new HashingException("cannot remove " + p + ": " + e.getMessage(), e);
        }
    }
}
