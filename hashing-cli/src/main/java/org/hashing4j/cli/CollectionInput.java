package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.DatasetOptions;
import org.hashing4j.datasets.ImageCollection;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.encode.CollectionEncoder;
import picocli.CommandLine.Option;

/**
 * The image collection options shared by {@code hashing encode} and {@code hashing index build}:
 * which images ({@code --images LIST_OR_DIR}, or a dataset split streamed from disk) and how to decode
 * them ({@code --threads}, {@code --batch-size}, {@code --skip-missing}, {@code --allow-absolute-paths}).
 * Encoding itself is {@link CollectionEncoder}'s; this class only wires options and prints progress.
 */
final class CollectionInput {
    @Option(names = "--images", paramLabel = "LIST_OR_DIR",
            description = {"Images to encode: a list file (one path a line, relative to the list's folder, labels"
                + " optional) or a folder (image files at any depth, in path order)."})
    Path images;

    @Option(names = "--threads", paramLabel = "N", description = "Image decoding threads (default: one per processor).")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
            description = "Images per batch (default: ${DEFAULT-VALUE}); memory holds about three batches.")
    int batchSize;

    @Option(names = "--skip-missing", description = "Leave out images that are missing or do not decode (counted), instead of failing.")
    boolean skipMissing;

    @Option(names = "--allow-absolute-paths", description = "Accept absolute paths in list files that lie outside the list's folder.")
    boolean allowAbsolutePaths;

    /** Where the items came from, in code order. */
    record Encoded(CollectionEncoder.Result result, ImageList list) {
        /** The encoded images' paths as strings, computed on demand (no second copy of a million strings). */
        List<String> paths() {
            List<Path> p = result.keptPaths(list);
            return new AbstractList<>() {
                @Override
                public String get(int i) {
                    return p.get(i).toString();
                }

                @Override
                public int size() {
                    return p.size();
                }
            };
        }
    }

    /** Dataset options from {@code --skip-missing} and {@code --allow-absolute-paths}. */
    DatasetOptions datasetOptions() {
        return new DatasetOptions(skipMissing, null, allowAbsolutePaths);
    }

    /**
     * The images named by {@code --images}, or else the image files of {@code split} of the loaded
     * dataset {@code s} (null when no dataset was given).
     */
    ImageList list(RetrievalSplit s, String split) {
        if (images != null) {
            if (s != null) {
                throw new HashingException("give either --images or --dataset, not both");
            }
            return ImageCollection.open(images, skipMissing, allowAbsolutePaths);
        }
        if (s == null) {
            throw new HashingException("give --images LIST_OR_DIR or --dataset NAME (with --split)");
        }
        ImageSplit im = s.images().orElseThrow(() -> new HashingException(s.dataset() + " is not read from image files;"
                + " write it out with 'hashing datasets export' and give the folder with --images"));
        switch (split) {
            case "query":
                return im.query();
            case "database":
                return im.database();
            case "train":
                return im.train();
            default:
                throw new HashingException("--split must be query, database or train, got '" + split + "'");
        }
    }

    /** Writes one line per item, atomically, streaming (no joined copy of all lines in memory). */
    static void writeLines(Path file, List<String> lines) {
        org.hashing4j.core.AtomicFiles.write(file, out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
                    java.nio.charset.StandardCharsets.UTF_8));
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
            w.flush();
        });
    }

    /** Encodes {@code list}, printing progress to standard error every few seconds and a summary line. */
    Encoded encode(HashFunction model, ImageList list) {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        CollectionEncoder.Options o = new CollectionEncoder.Options(batchSize, t, 2, skipMissing);
        long[] last = {System.nanoTime()};
        long start = last[0];
        CollectionEncoder.Result r = CollectionEncoder.encode(model, list, o, (done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] > 5_000_000_000L) {
                last[0] = now;
                System.err.printf(Locale.ROOT, "  encoded %d of %d images (%.0f images/s)%n", done, total,
                        done / ((now - start) / 1e9));
            }
        });
        System.err.printf(Locale.ROOT, "encoded %d images to %d-bit codes in %.1f s: %.0f images/s decoded and encoded"
                + " (%d decoding threads, batch %d); peak heap <= %d MiB of %d MiB max%s%n", r.codes().size(), r.codes().bits(),
                r.seconds(), list.size() / Math.max(r.seconds(), 1e-9), t, batchSize,
                CollectionEncoder.peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                r.skipped().length == 0 ? "" : "; skipped " + r.skipped().length + " unreadable: first "
                        + list.files().get(r.skipped()[0]));
        return new Encoded(r, list);
    }
}
