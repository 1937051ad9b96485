package org.hashing4j.models.encode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.BackgroundBatches;
import org.hashing4j.datasets.image.ImageBatchIterator;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Encodes a collection of image files with any model that takes images, in batches and with bounded
 * memory: {@code threads} threads decode and preprocess a batch (exactly as {@code hashing search
 * --image} prepares a query: {@link ImageInputs#pipeline}), a background thread keeps at most
 * {@code prefetch} decoded batches waiting, and the caller's thread encodes them. What is kept per
 * image is only its code (bits/8 bytes, packed into a growing {@code long[]}); pixels live only in
 * the batches in flight. The paths are the caller's {@link ImageList}, which it already holds.
 *
 * <p>An image that does not decode ends the run with one line naming the file, or, with
 * {@code skipUnreadable}, is left out (its index reported in {@link Result#skipped()}).
 */
public final class CollectionEncoder {
    private CollectionEncoder() {
    }

    /**
     * How to run.
     *
     * @param batchSize      images per batch
     * @param threads        decoding threads (0: the JVM's common pool)
     * @param prefetch       decoded batches that may wait for the encoder (the queue bound)
     * @param skipUnreadable leave out images that do not decode instead of failing
     */
    public record Options(int batchSize, int threads, int prefetch, boolean skipUnreadable) {
        public Options {
            if (batchSize < 1 || threads < 0 || prefetch < 1) {
                throw new HashingException("batch size and prefetch must be >= 1 and threads >= 0, got batch " + batchSize
                        + ", threads " + threads + ", prefetch " + prefetch);
            }
        }

        /** Batches of 256 on one thread per processor, two batches ahead. */
        public static Options defaults() {
            return new Options(256, Runtime.getRuntime().availableProcessors(), 2, false);
        }
    }

    /** Progress after each batch. */
    public interface Progress {
        void batchDone(int imagesDone, int imagesTotal);
    }

    /**
     * The codes of the images that were encoded, in list order.
     *
     * @param codes          one code per encoded image
     * @param kept           list indices of the encoded images (all of them unless some were skipped)
     * @param skipped        list indices of the images left out as unreadable
     * @param seconds        wall time of decoding and encoding
     * @param maxOutstanding most decoded batches ever waiting or in the making at once
     */
    public record Result(BinaryCodes codes, int[] kept, int[] skipped, double seconds, int maxOutstanding) {
        /** The paths of the encoded images, in code order, from the list that was encoded. */
        public List<Path> keptPaths(ImageList images) {
            if (skipped.length == 0) {
                return images.files();
            }
            List<Path> out = new ArrayList<>(kept.length);
            for (int i : kept) {
                out.add(images.files().get(i));
            }
            return out;
        }
    }

    /**
     * The codes of {@code images}, {@code batchSize} at a time on two decoding threads, two batches
     * ahead, failing on an unreadable image: what a model's {@code ImageEncoder.encode} does when its
     * preprocessing is {@link ImageInputs}'.
     */
    public static BinaryCodes codes(HashFunction model, ImageList images, int batchSize) {
        return encode(model, images, new Options(batchSize, 2, 2, false), null).codes();
    }

    /** Encodes {@code images} with {@code model}. */
    public static Result encode(HashFunction model, ImageList images, Options options, Progress progress) {
        ImagePipelineConfig config = ImageInputs.pipeline(model);
        ImageBatchIterator it = new ImageBatchIterator(images, config, options.batchSize(), false, 0, 0, null)
                .decodeThreads(options.threads()).skipUnreadable(options.skipUnreadable());
        int bits = model.bits();
        int wordsPer = BinaryCodes.wordsFor(bits);
        long[] words = new long[Math.max(1, Math.min(images.size(), 1 << 16)) * wordsPer];
        int n = 0;
        int done = 0;
        int skippedSoFar = 0;
        long t0 = System.nanoTime();
        BackgroundBatches batches = it.background(options.prefetch());
        try {
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                INDArray f = ds.getFeatures();
                int b = (int) f.size(0);
                float[][] rows = f.reshape('c', b, f.length() / b).castTo(DataType.FLOAT).toFloatMatrix();
                SortedSet<Integer> skippedNow = it.skipped().subSet(done, done + b);
                if (!skippedNow.isEmpty()) {
                    rows = without(rows, skippedNow, done);
                    skippedSoFar += skippedNow.size();
                }
                if (rows.length > 0) {
                    BinaryCodes c = model.encode(rows);
                    if (c.size() != rows.length || c.bits() != bits) {
                        throw new HashingException(model.method() + " model returned " + c.size() + " codes of " + c.bits()
                                + " bits for " + rows.length + " images, expected " + bits + " bits each");
                    }
                    long[] w = c.toWords();
                    if ((long) (n + rows.length) * wordsPer > words.length) {
                        words = Arrays.copyOf(words, (int) Math.min(Integer.MAX_VALUE - 8,
                                Math.max((long) words.length * 3 / 2, (long) (n + rows.length) * wordsPer)));
                    }
                    System.arraycopy(w, 0, words, n * wordsPer, w.length);
                    n += rows.length;
                }
                done += b;
                if (progress != null) {
                    progress.batchDone(done, images.size());
                }
            }
        } finally {
            batches.shutdown();
        }
        if (n == 0) {
            throw new HashingException(images.name() + ": none of its " + images.size() + " images could be read");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        int[] skipped = it.skipped().stream().mapToInt(Integer::intValue).toArray();
        int[] kept = new int[images.size() - skipped.length];
        for (int i = 0, k = 0, s = 0; i < images.size(); i++) {
            if (s < skipped.length && skipped[s] == i) {
                s++;
            } else {
                kept[k++] = i;
            }
        }
        assert kept.length == n && skippedSoFar == skipped.length;
        return new Result(BinaryCodes.fromWords(n, bits, Arrays.copyOf(words, n * wordsPer)), kept, skipped, secs,
                batches.maxOutstanding());
    }

    private static float[][] without(float[][] rows, SortedSet<Integer> skipped, int offset) {
        float[][] out = new float[rows.length - skipped.size()][];
        for (int k = 0, o = 0; k < rows.length; k++) {
            if (!skipped.contains(offset + k)) {
                out[o++] = rows[k];
            }
        }
        return out;
    }

    /**
     * The heap's peak use since the JVM started, in bytes: the sum of each heap pool's peak, an upper
     * bound (the pools peak at different moments), capped at the maximum heap, which bounds it too.
     */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return Math.min(sum, Runtime.getRuntime().maxMemory());
    }
}
