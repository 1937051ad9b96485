package org.hashing4j.datasets.idx;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;

/**
 * Reads IDX files in the layout of MNIST and Fashion-MNIST: a big-endian header (magic number
 * {@code 0x00000803} and three dimensions for images, {@code 0x00000801} and one dimension for
 * labels) followed by unsigned bytes. The file may be plain or gzip-compressed; the reader looks at
 * the first two bytes (gzip's {@code 1f 8b}) rather than at the file name, because people do rename
 * them. Anything that does not add up (magic number, dimensions, length, label range) is a
 * one-line {@link HashingException} that names the file and says what was wrong.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Largest side we accept; real IDX images are 28×28, this only guards against garbage headers. */
    private static final int MAX_SIDE = 4096;

    private IdxReader() {
    }

    /** Reads an IDX image file (plain or gzip). */
    public static IdxImages readImages(Path file) {
        try (Source in = Source.open(file)) {
            int magic = in.readHeaderInt("magic number");
            checkMagic(file, magic, IMAGES_MAGIC, "image");
            int count = in.readHeaderInt("image count");
            int rows = in.readHeaderInt("row count");
            int cols = in.readHeaderInt("column count");
            if (count < 0 || rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new HashingException(file + ": implausible IDX image dimensions " + count + " x " + rows
                        + " x " + cols + " (corrupt header?)");
            }
            long body = (long) count * rows * cols;
            if (body > Integer.MAX_VALUE - 16) {
                throw new HashingException(file + ": " + count + " images of " + rows + "x" + cols
                        + " is more than this reader supports (2 GiB)");
            }
            in.checkPlainLength(16 + body, count + " images of " + rows + "x" + cols);
            byte[] pixels = in.readBody((int) body, count + " images of " + rows + "x" + cols);
            return new IdxImages(file, count, rows, cols, pixels);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads an IDX label file (plain or gzip) as class indices.
     *
     * @param numClasses when positive, every label must be below it (10 for MNIST-style data)
     */
    public static int[] readLabels(Path file, int numClasses) {
        try (Source in = Source.open(file)) {
            int magic = in.readHeaderInt("magic number");
            checkMagic(file, magic, LABELS_MAGIC, "label");
            int count = in.readHeaderInt("label count");
            if (count < 0) {
                throw new HashingException(file + ": negative label count " + count + " (corrupt header?)");
            }
            in.checkPlainLength(8L + count, count + " labels");
            byte[] raw = in.readBody(count, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
                if (numClasses > 0 && labels[i] >= numClasses) {
                    throw new HashingException(file + ": label " + labels[i] + " of item " + i
                            + " is out of range (expected 0.." + (numClasses - 1) + ")");
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads a pair of IDX files into a labelled {@link FeatureSet}: pixels in [0,1], image shape
     * {1, rows, cols}.
     */
    public static FeatureSet readLabelledImages(Path images, Path labels, int numClasses, String name) {
        IdxImages img = readImages(images);
        int[] lab = readLabels(labels, numClasses);
        if (img.count() != lab.length) {
            throw new HashingException(images + " holds " + img.count() + " images but " + labels + " holds "
                    + lab.length + " labels");
        }
        if (img.count() == 0) {
            throw new HashingException(images + ": holds no images");
        }
        return new FeatureSet(img.toUnitRows(), Labels.singleLabel(lab), img.imageShape(), name);
    }

    private static void checkMagic(Path file, int magic, int expected, String kind) {
        if (magic == expected) {
            return;
        }
        String hint;
        if (magic == IMAGES_MAGIC) {
            hint = " (this is an IDX image file)";
        } else if (magic == LABELS_MAGIC) {
            hint = " (this is an IDX label file)";
        } else if ((magic >>> 16) == 0 && (magic & 0xFF00) != 0x0800) {
            hint = " (an IDX file of a type other than unsigned bytes)";
        } else {
            hint = " (not an IDX file, or corrupt)";
        }
        throw new HashingException(String.format(Locale.ROOT, "%s: bad magic number 0x%08x, expected 0x%08x for an"
                + " IDX %s file%s", file, magic, expected, kind, hint));
    }

    private static HashingException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new HashingException(file + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new HashingException(file + ": permission denied");
        }
        if (e instanceof EOFException) {
            return new HashingException(file + ": truncated gzip data (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) {
            return new HashingException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new HashingException(file + ": cannot read (" + e.getMessage() + ")", e);
    }

    /** The byte stream of a plain or gzip file, with the bookkeeping needed for clear messages. */
    private static final class Source implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final boolean gzip;
        private final long fileSize;
        private long position;

        private Source(Path file, InputStream in, boolean gzip, long fileSize) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
            this.fileSize = fileSize;
        }

        static Source open(Path file) throws IOException {
            long size = Files.size(file);
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                boolean gzip = b0 == 0x1f && b1 == 0x8b;
                // no buffer on top of the gzip stream: each read returns what one inflate step produced,
                // so a truncated file's message can say how far the data went
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                return new Source(file, in, gzip, size);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        int readHeaderInt(String what) throws IOException {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int b = in.read();
                if (b < 0) {
                    throw new HashingException(file + ": truncated IDX header (ends before the " + what + ", after "
                            + position + " bytes" + (gzip ? " of decompressed data" : "") + ")");
                }
                v = (v << 8) | b;
                position++;
            }
            return v;
        }

        /** For a plain file the size is known up front, so a wrong length is reported before reading. */
        void checkPlainLength(long expected, String what) {
            if (gzip || fileSize == expected) {
                return;
            }
            if (fileSize < expected) {
                throw new HashingException(file + ": truncated: the header promises " + what + " (" + expected
                        + " bytes) but the file has " + fileSize + " bytes");
            }
            throw new HashingException(file + ": " + (fileSize - expected) + " unexpected bytes after " + what
                    + " (file has " + fileSize + " bytes, header implies " + expected + "; wrong count in the header?)");
        }

        byte[] readBody(int length, String what) throws IOException {
            byte[] body = new byte[length];
            int off = 0;
            try {
                while (off < length) {
                    int r = in.read(body, off, length - off);
                    if (r < 0) {
                        break;
                    }
                    off += r;
                }
            } catch (EOFException e) {
                // GZIPInputStream signals a stream cut inside a deflate block this way
                throw new HashingException(file + ": truncated gzip data (ends after " + (position + off)
                        + " decompressed bytes; the header promises " + what + ")");
            }
            if (off < length) {
                throw new HashingException(file + ": truncated: the header promises " + what + " (" + (position + length)
                        + " bytes" + (gzip ? " decompressed" : "") + ") but the data ends after " + (position + off)
                        + " bytes");
            }
            position += length;
            if (gzip) {
                long extra = 0;
                byte[] sink = new byte[8192];
                int r;
                while ((r = in.read(sink)) > 0) {
                    extra += r;
                }
                if (extra > 0) {
                    throw new HashingException(file + ": " + extra + " unexpected bytes after " + what
                            + " in the decompressed data (wrong count in the header?)");
                }
            }
            return body;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
