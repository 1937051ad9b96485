package org.hashing4j.datasets.features;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;

/**
 * Reads precomputed features: an n × d {@code .npy} matrix (float32, or any numeric type, converted)
 * with labels from a {@code .npy} file (class-index vector or n × C 0/1 matrix) or a text file
 * (one line per item: a class index, or a 0/1 vector separated by spaces or commas).
 */
public final class FeatureFiles {
    private FeatureFiles() {
    }

    /** Reads features and (when {@code labelsOrNull} is given) labels into a set named {@code name}. */
    public static FeatureSet read(Path features, Path labelsOrNull, String name) {
        Npy.Array a = Npy.read(features);
        if (a.rank() != 2) {
            throw new HashingException(features + ": features must be a 2-D n x d matrix, got shape "
                    + Arrays.toString(a.shape()));
        }
        if (!a.dtype().isFloating()) {
            throw new HashingException(features + ": features must be float32 or float64, got " + a.dtype());
        }
        float[][] rows = a.toFloatMatrix();
        if (rows.length == 0) {
            throw new HashingException(features + ": holds no rows");
        }
        Labels labels = labelsOrNull == null ? null : readLabels(labelsOrNull);
        if (labels != null && labels.size() != rows.length) {
            throw new HashingException(features + " has " + rows.length + " rows but " + labelsOrNull + " has "
                    + labels.size() + " labels");
        }
        try {
            return new FeatureSet(rows, labels, null, name);
        } catch (HashingException e) {
            throw new HashingException(features + ": " + e.getMessage(), e);
        }
    }

    /** Labels from {@code .npy} or text. */
    public static Labels readLabels(Path file) {
        if (file.getFileName().toString().endsWith(".npy")) {
            return Labels.readNpy(file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<int[]> rows = new ArrayList<>();
        int width = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] tok = t.split("[\\s,]+");
            if (width < 0) {
                width = tok.length;
            } else if (tok.length != width) {
                throw new HashingException(file + ":" + (i + 1) + ": " + tok.length + " values, expected " + width
                        + " (as on the first line)");
            }
            int[] v = new int[tok.length];
            for (int j = 0; j < tok.length; j++) {
                try {
                    v[j] = Integer.parseInt(tok[j]);
                } catch (NumberFormatException e) {
                    throw new HashingException(file + ":" + (i + 1) + ": '" + tok[j] + "' is not an integer label");
                }
            }
            rows.add(v);
        }
        if (rows.isEmpty()) {
            throw new HashingException(file + ": no labels");
        }
        try {
            if (width == 1) {
                return Labels.singleLabel(rows.stream().mapToInt(r -> r[0]).toArray());
            }
            return Labels.multiHot(rows.toArray(new int[0][]));
        } catch (HashingException e) {
            throw new HashingException(file + ": " + e.getMessage(), e);
        }
    }

    /** {@code dir/<stem>_labels.npy} or {@code .txt} (or {@code labels.*} for stem "features"), or null. */
    public static Path labelsFor(Path dir, String stem) {
        String base = stem.equals("features") ? "labels" : stem + "_labels";
        for (String ext : List.of(".npy", ".txt")) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
