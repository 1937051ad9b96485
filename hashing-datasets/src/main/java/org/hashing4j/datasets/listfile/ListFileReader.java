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
 */
public final class ListFileReader {
    private ListFileReader() {
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
                Path p = imageRoot.resolve(tok[0]).normalize();
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
                : new ImageList(files, Labels.multiHot(labels.toArray(new int[0][])), name);
        return new Result(list, List.copyOf(missing), listed, classes);
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
