package org.hashing4j.datasets.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.RetrievalSplit;

/**
 * Writes the image feature sets of a {@link RetrievalSplit} as PNG files:
 * {@code OUT/train/<class>/<n>.png} (training set), {@code OUT/test/<class>/<n>.png} (queries) and,
 * when the database is not the training set itself, {@code OUT/database/<class>/<n>.png}; plus
 * {@code train.txt}, {@code test.txt} and {@code database.txt} in the list-file format (path relative
 * to OUT, then a 0/1 label vector). The folder then loads as dataset {@code image-folder} with protocol
 * {@code train-test} (when the database is the training set) and as dataset {@code list-files}.
 *
 * <p>Class folders are named {@code <index>-<class name>}, the index zero-padded, so that the sorted
 * folder names (the image-folder dataset's class order) keep the dataset's label indices. Pixels in
 * [0,1] become bytes by rounding {@code v·255}, so 8-bit sources (IDX, CIFAR) round-trip exactly;
 * PNG is lossless. Every file is written atomically: an interrupted export leaves no half-written
 * image that looks complete.
 */
public final class ImageExport {
    private ImageExport() {
    }

    /** What was written. */
    public record Summary(int images, List<String> listFiles, boolean databaseIsTrain) {
    }

    /**
     * Exports {@code split} into {@code out}. Refuses when {@code out} already holds list files (so
     * that a second export cannot mix two datasets).
     */
    public static Summary export(RetrievalSplit split, Path out) {
        if (!split.hasFeatures()) {
            throw new HashingException(split.dataset() + ": only datasets held in memory can be exported");
        }
        for (FeatureSet s : new FeatureSet[] {split.train(), split.query(), split.database()}) {
            int[] shape = s.imageShape();
            if (shape == null || (shape[0] != 1 && shape[0] != 3)) {
                throw new HashingException(s.name() + ": not grey or RGB images (image shape "
                        + java.util.Arrays.toString(shape) + "), cannot be written as PNG");
            }
            if (s.labels() == null) {
                throw new HashingException(s.name() + ": has no labels to name class folders by");
            }
        }
        if (Files.exists(out.resolve("train.txt"))) {
            throw new HashingException(out + ": already holds an export (train.txt); choose an empty folder");
        }
        int classes = Math.max(split.train().labels().numClasses(), split.query().labels().numClasses());
        List<String> folders = classFolders(split.classNames(), classes);
        boolean databaseIsTrain = split.database().features() == split.train().features();
        int n = 0;
        n += write(split.train(), out, "train", folders, classes);
        n += write(split.query(), out, "test", folders, classes);
        if (databaseIsTrain) {
            AtomicFiles.writeString(out.resolve("database.txt"), readString(out.resolve("train.txt")));
        } else {
            n += write(split.database(), out, "database", folders, classes);
        }
        return new Summary(n, List.of("train.txt", "test.txt", "database.txt"), databaseIsTrain);
    }

    /** {@code <index>-<name>} per class, names reduced to letters, digits, '-' and '_'. */
    static List<String> classFolders(List<String> names, int classes) {
        int width = String.valueOf(Math.max(0, classes - 1)).length();
        List<String> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String name = c < names.size() ? names.get(c).replaceAll("[^A-Za-z0-9_-]+", "_") : "class";
            out.add(String.format(Locale.ROOT, "%0" + width + "d-%s", c, name));
        }
        return out;
    }

    private static int write(FeatureSet set, Path out, String part, List<String> folders, int classes) {
        Labels labels = set.labels();
        int digits = String.valueOf(set.size() - 1).length();
        String[] lines = new String[set.size()];
        try {
            for (String f : folders) {
                Files.createDirectories(out.resolve(part).resolve(f));
            }
        } catch (IOException e) {
            throw new HashingException(out.resolve(part) + ": cannot create (" + e.getMessage() + ")", e);
        }
        IntStream.range(0, set.size()).parallel().forEach(i -> {
            if (labels.isMultiLabel()) {
                throw new HashingException(set.name() + ": item " + i + " is multi-label; class folders need one class");
            }
            int c = labels.classOf(i);
            String rel = part + "/" + folders.get(c) + "/" + String.format(Locale.ROOT, "%0" + digits + "d", i) + ".png";
            AtomicFiles.writeBytes(out.resolve(rel), png(set.features()[i], set.imageShape()));
            StringBuilder sb = new StringBuilder(rel);
            for (int k = 0; k < classes; k++) {
                sb.append(k == c ? " 1" : " 0");
            }
            lines[i] = sb.toString();
        });
        AtomicFiles.writeString(out.resolve(part + ".txt"), String.join("\n", lines) + "\n");
        return set.size();
    }

    /** One image row ({c,h,w}, [0,1]) as PNG bytes: 8-bit grey for one channel, RGB for three. */
    public static byte[] png(float[] row, int[] shape) {
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        int plane = h * w;
        BufferedImage img;
        if (c == 1) {
            img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] px = new byte[plane];
            for (int p = 0; p < plane; p++) {
                px[p] = (byte) byteOf(row[p]);
            }
            img.getRaster().setDataElements(0, 0, w, h, px);
        } else {
            img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] argb = new int[plane];
            for (int p = 0; p < plane; p++) {
                argb[p] = (byteOf(row[p]) << 16) | (byteOf(row[plane + p]) << 8) | byteOf(row[2 * plane + p]);
            }
            img.setRGB(0, 0, w, h, argb, 0, w);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new HashingException(p + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
