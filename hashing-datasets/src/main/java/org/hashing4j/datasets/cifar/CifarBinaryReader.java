package org.hashing4j.datasets.cifar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;

/**
 * Reads the binary version of CIFAR-10 ({@code data_batch_1.bin} … {@code test_batch.bin}): a file
 * is a sequence of 3073-byte records, one label byte (0–9) followed by 3072 pixel bytes: the 1024
 * red values of the 32×32 image row by row, then green, then blue. That is exactly the C-order
 * layout of a {3, 32, 32} array, so a record becomes a feature row without reordering.
 */
public final class CifarBinaryReader {
    public static final int SIDE = 32;
    public static final int PIXELS = 3 * SIDE * SIDE;
    public static final int RECORD = 1 + PIXELS;
    public static final int NUM_CLASSES = 10;
    /** Class names by label byte, as in the dataset's {@code batches.meta.txt}. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private CifarBinaryReader() {
    }

    /** Reads one or more batch files (in order) into one labelled set, pixels in [0,1], shape {3,32,32}. */
    public static FeatureSet read(List<Path> files, String name) {
        long total = 0;
        for (Path f : files) {
            total += recordCount(f);
        }
        if (total == 0) {
            throw new HashingException(files + ": no CIFAR-10 records");
        }
        if (total > Integer.MAX_VALUE) {
            throw new HashingException(files + ": too many records");
        }
        float[][] rows = new float[(int) total][];
        int[] labels = new int[(int) total];
        float[] lut = new float[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = v / 255f;
        }
        int k = 0;
        byte[] rec = new byte[RECORD];
        for (Path f : files) {
            long n = recordCount(f);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                for (long r = 0; r < n; r++, k++) {
                    if (in.readNBytes(rec, 0, RECORD) != RECORD) {
                        throw new HashingException(f + ": truncated at record " + r + " (file changed while reading?)");
                    }
                    int label = rec[0] & 0xFF;
                    if (label >= NUM_CLASSES) {
                        throw new HashingException(f + ": record " + r + " (byte offset " + r * RECORD + ") has label byte "
                                + label + ", expected 0..9 (not a CIFAR-10 binary batch? CIFAR-100 records are 3074 bytes)");
                    }
                    labels[k] = label;
                    float[] row = new float[PIXELS];
                    for (int p = 0; p < PIXELS; p++) {
                        row[p] = lut[rec[1 + p] & 0xFF];
                    }
                    rows[k] = row;
                }
            } catch (IOException e) {
                throw new HashingException(f + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return new FeatureSet(rows, Labels.singleLabel(labels), new int[] {3, SIDE, SIDE}, name);
    }

    /** Number of records in a batch file; its size must be a positive multiple of 3073 bytes. */
    public static long recordCount(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (size == 0 || size % RECORD != 0) {
            throw new HashingException(file + ": " + size + " bytes is not a whole number of 3073-byte CIFAR-10 records"
                    + (size % RECORD != 0 ? " (" + size / RECORD + " records and " + size % RECORD
                    + " extra bytes; truncated or not a CIFAR-10 binary batch)" : ""));
        }
        return size / RECORD;
    }
}
