package org.hashing4j.datasets.image;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of images for a backbone, decoded from files as they are needed: features are
 * {@code [batch, channels, height, width]} (NCHW) floats, labels one-hot (single-label) or
 * multi-hot rows. When training, the order is reshuffled every epoch (seeded) and the pipeline's
 * random crop and flip apply; otherwise the order is the list's and crops are centred. Images of a
 * batch are decoded in parallel (on the common pool, or on {@link #decodeThreads(int)} threads of its
 * own). Wrap it with {@link #background(int)} so that decoding runs on a separate thread while the
 * network works on the previous batch; an image that fails to decode ends the iteration with a
 * one-line error naming the file, unless {@link #skipUnreadable(boolean)} is on.
 */
public final class ImageBatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final ImageSource images;
    private final ImagePipeline pipeline;
    private final int batchSize;
    private final boolean training;
    private final long seed;
    private final int numClasses;
    private final List<String> classNames;
    private final int[] order;
    private final int[] shape;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;
    private transient ForkJoinPool pool;
    private boolean skipUnreadable;
    private final ConcurrentSkipListSet<Integer> skipped = new ConcurrentSkipListSet<>();

    /**
     * @param numClasses label columns (≥ the labels' class count), ignored when the list has no labels
     * @param classNames names for {@link #getLabels()}, or null
     */
    public ImageBatchIterator(ImageList images, ImagePipelineConfig config, int batchSize, boolean training, long seed,
            int numClasses, List<String> classNames) {
        this(ImageSource.of(images), config, batchSize, training, seed, numClasses, classNames);
    }

    /**
     * Batches from any image source, e.g. an in-memory CIFAR-10 set ({@link ImageSource#of(
     * org.hashing4j.core.FeatureSet)}) resized for an ImageNet backbone.
     */
    public ImageBatchIterator(ImageSource images, ImagePipelineConfig config, int batchSize, boolean training, long seed,
            int numClasses, List<String> classNames) {
        if (batchSize < 1) {
            throw new HashingException("batch size must be positive, got " + batchSize);
        }
        this.images = images;
        this.pipeline = new ImagePipeline(config);
        this.batchSize = batchSize;
        this.training = training;
        this.seed = seed;
        this.numClasses = images.labels() == null ? 0 : Math.max(numClasses, images.labels().numClasses());
        this.classNames = classNames;
        this.order = new int[images.size()];
        int[] fixed = config.fixedOutputShape();
        if (fixed == null) {
            try (DecodedImage first = images.image(0)) {
                fixed = pipeline.outputShape(first.width(), first.height());
            }
        }
        this.shape = fixed;
        shuffle();
    }

    /** The per-image shape {c, h, w} of the features. */
    public int[] imageShape() {
        return shape.clone();
    }

    /**
     * This iterator behind a bounded queue of {@code prefetch} batches filled by a background thread;
     * errors on that thread reach the caller's {@code hasNext}/{@code next} (see {@link BackgroundBatches}).
     */
    public BackgroundBatches background(int prefetch) {
        return new BackgroundBatches(this, prefetch);
    }

    /**
     * Decodes each batch on a pool of {@code threads} threads of its own instead of the JVM's common
     * pool (0: the common pool). Returns this iterator.
     */
    public ImageBatchIterator decodeThreads(int threads) {
        if (threads < 0) {
            throw new HashingException("decoding threads must be >= 0, got " + threads);
        }
        // pool threads are daemons (ForkJoinPool's default factory) and end when idle: no close needed
        this.pool = threads == 0 ? null : new ForkJoinPool(threads);
        return this;
    }

    /**
     * When on, an image that is missing or does not decode becomes an all-zero image and its item
     * index is recorded ({@link #skipped()}) instead of ending the iteration: for encoding collections
     * where the caller drops those items. Never for training. Returns this iterator.
     */
    public ImageBatchIterator skipUnreadable(boolean skip) {
        this.skipUnreadable = skip;
        return this;
    }

    /** Item indices (into the image list) skipped as unreadable so far, ascending. */
    public java.util.SortedSet<Integer> skipped() {
        return java.util.Collections.unmodifiableSortedSet(skipped);
    }

    private void shuffle() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (training) {
            Random r = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int b = Math.min(num, order.length - cursor);
        int start = cursor;
        cursor += b;
        int per = shape[0] * shape[1] * shape[2];
        float[] flat = new float[b * per];
        // one random stream per image, derived from (seed, epoch, position): the augmentation of an
        // image does not depend on which thread decodes it
        forEachParallel(b, k -> {
            int item = order[start + k];
            Random rnd = new Random((seed * 31 + epoch) * 1_000_003L + start + k);
            DecodedImage decoded;
            try {
                decoded = images.image(item);
            } catch (HashingException e) {
                if (!skipUnreadable) {
                    throw e;
                }
                skipped.add(item);
                return; // the row stays zero
            }
            float[] img;
            try (DecodedImage d = decoded) {
                img = pipeline.apply(d, images.describe(item), training, rnd);
            }
            if (img.length != per) {
                throw new HashingException(images.describe(item) + ": image gives " + img.length
                        + " values after preprocessing, expected " + per + " (" + shape[0] + "x" + shape[1] + "x"
                        + shape[2] + "); images of different sizes need a resize or crop");
            }
            System.arraycopy(img, 0, flat, k * per, per);
        });
        INDArray features = Nd4j.create(flat, new long[] {b, shape[0], shape[1], shape[2]}, 'c');
        INDArray labels = null;
        Labels l = images.labels();
        if (l != null) {
            float[] lab = new float[b * numClasses];
            for (int k = 0; k < b; k++) {
                int item = order[start + k];
                for (int c = 0; c < l.numClasses(); c++) {
                    if (l.has(item, c)) {
                        lab[k * numClasses + c] = 1f;
                    }
                }
            }
            labels = Nd4j.create(lab, new long[] {b, numClasses}, 'c');
        }
        DataSet ds = new DataSet(features, labels);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    private void forEachParallel(int n, IntConsumer body) {
        if (pool == null) {
            IntStream.range(0, n).parallel().forEach(body);
            return;
        }
        try {
            // a parallel stream started inside a ForkJoinPool task runs on that pool's threads
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingException("interrupted while decoding images");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new HashingException("decoding images failed: " + c, c);
        }
    }

    @Override
    public int inputColumns() {
        return shape[0] * shape[1] * shape[2];
    }

    @Override
    public int totalOutcomes() {
        return numClasses;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts the next epoch (a new shuffle when training). */
    @Override
    public void reset() {
        cursor = 0;
        epoch++;
        shuffle();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return classNames;
    }
}
