package org.hashing4j.datasets.listfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageList;

/**
 * Reads image list files in the format of the popular PyTorch deep hashing toolkits: one line per
 * image, {@code relative/path.jpg 0 1 0 0 …} (a path without spaces, then a 0/1 label vector of the
 * same length on every line). Labels are multi-label (multi-hot) even when one class is set.
 *
 * <p>Every image must lie inside the image root: a path that leaves it ({@code ../../x.png}, or an
 * absolute path elsewhere) is refused with the list file and line number, so that a list cannot make
 * a command read files the user did not hand over. Absolute paths outside the root are accepted only
 * when the caller allows them ({@link Rules#allowAbsolutePaths()}).
 */
public final class ListFileReader {
    private ListFileReader() {
    }

    /**
     * How strict to be.
     *
     * @param labelsRequired     every line must have a label vector (datasets); when false, lines may
     *                           hold only a path (collections to encode), and the list has labels only
     *                           when every line has them
     * @param allowAbsolutePaths accept absolute paths outside the image root
     */
    public record Rules(boolean labelsRequired, boolean allowAbsolutePaths) {
        /** Labels required, every image inside the root. */
        public static final Rules DATASET = new Rules(true, false);
    }

    /** A parsed list file: the images that exist, and those that are missing or unreadable. */
    public record Result(ImageList images, List<Path> missing, int listed, int classes) {
    }

    /**
     * Parses {@code listFile}.
     *
     * @param imageRoot       folder the paths are relative to
     * @param expectedClasses the label vector length every line must have, or 0 to take the first
     *                        line's
     * @param name            name of the resulting image list
     */
    public static Result read(Path listFile, Path imageRoot, int expectedClasses, String name) {
        return read(listFile, imageRoot, expectedClasses, "", name);
    }

    /**
     * As {@link #read(Path, Path, int, String)}, with {@code why} saying where the expected class
     * count comes from in messages (e.g. "the nus-wide-21 preset has 21 classes").
     */
    public static Result read(Path listFile, Path imageRoot, int expectedClasses, String why, String name) {
        return read(listFile, imageRoot, expectedClasses, why, name, Rules.DATASET);
    }

    /** As {@link #read(Path, Path, int, String, String)} under {@code rules}. */
    public static Result read(Path listFile, Path imageRoot, int expectedClasses, String why, String name,
            Rules rules) {
        Path root = imageRoot.toAbsolutePath().normalize();
        boolean allLabelled = true;
        List<Path> files = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        int classes = expectedClasses;
        int listed = 0;
        try (BufferedReader r = Files.newBufferedReader(listFile, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                String[] tok = t.split("\\s+");
                String where = listFile + ":" + lineNo;
                int n = tok.length - 1;
                Path p = inside(root, tok[0], where, rules);
                if (n == 0 && !rules.labelsRequired()) {
                    allLabelled = false;
                    listed++;
                    if (!usable(p)) {
                        missing.add(p);
                    } else {
                        files.add(p);
                        labels.add(new int[0]);
                    }
                    continue;
                }
                if (n == 0) {
                    throw new HashingException(where + ": no labels after the image path '" + tok[0]
                            + "' (expected 'path 0 1 0 ...')");
                }
                if (classes == 0) {
                    classes = n;
                } else if (n != classes) {
                    throw new HashingException(where + ": " + n + " labels, expected " + classes
                            + (expectedClasses > 0 ? (why.isEmpty() ? "" : " (" + why + ")") : " (as on the first line)"));
                }
                int[] v = new int[n];
                for (int j = 0; j < n; j++) {
                    if (tok[j + 1].equals("1")) {
                        v[j] = 1;
                    } else if (!tok[j + 1].equals("0")) {
                        throw new HashingException(where + ": label " + (j + 1) + " is '" + tok[j + 1]
                                + "', expected 0 or 1");
                    }
                }
                listed++;
                if (!usable(p)) {
                    missing.add(p);
                    continue;
                }
                files.add(p);
                labels.add(v);
            }
        } catch (NoSuchFileException e) {
            throw new HashingException(listFile + ": no such file");
        } catch (IOException e) {
            throw new HashingException(listFile + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (listed == 0) {
            throw new HashingException(listFile + ": lists no images");
        }
        ImageList list = files.isEmpty() ? null
                : new ImageList(files, allLabelled ? Labels.multiHot(labels.toArray(new int[0][])) : null, name);
        return new Result(list, List.copyOf(missing), listed, classes);
    }

    /** The listed path resolved against the root, refused when it leaves the root (unless allowed). */
    private static Path inside(Path root, String listed, String where, Rules rules) {
        Path given;
        try {
            given = Path.of(listed);
        } catch (java.nio.file.InvalidPathException e) {
            throw new HashingException(where + ": '" + listed + "' is not a valid path (" + e.getReason() + ")");
        }
        Path p = root.resolve(given).normalize();
        if (p.startsWith(root) || (given.isAbsolute() && rules.allowAbsolutePaths())) {
            return p;
        }
        throw new HashingException(where + ": '" + listed + "' lies outside the image folder " + root
                + (given.isAbsolute() ? " (absolute paths elsewhere need --allow-absolute-paths)"
                        : " (relative paths must stay inside it)"));
    }

    /** A file counts as usable when it is a readable, non-empty regular file (decoding is checked later). */
    static boolean usable(Path p) {
        try {
            return Files.isRegularFile(p) && Files.isReadable(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
