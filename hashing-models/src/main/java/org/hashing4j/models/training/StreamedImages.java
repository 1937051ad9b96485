package org.hashing4j.models.training;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImagePipeline;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of rows decoded from image files while the network trains, for training sets that
 * do not fit in memory: each batch is decoded and preprocessed by the {@link ImagePipeline} (random
 * crop and flip when training) on one of {@code threads} worker threads, at most {@code threads + 1}
 * batches ahead of the trainer, so memory is bounded by a few batches however long the list is.
 *
 * <p>Batches come in the order the trainer asks for (its seeded shuffle of the epoch) and each
 * image's augmentation is drawn from a generator seeded by (run seed, epoch, position in the epoch)
 * alone — not by which thread decodes it or when — so an epoch is the same in a resumed run as in an
 * uninterrupted one. DL4J's iterators fix their own order, hence this small scheduler.
 *
 * <p>An image that does not decode ends training with the pipeline's one-line error naming the file,
 * raised on the trainer's thread; the workers are daemons and stop with {@link #close()}.
 */
final class StreamedImages implements AutoCloseable {
    private static final long AUGMENT = 6;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ImageList images;
    private final ImagePipeline training;
    private final ImagePipeline evaluation;
    private final int[] shape;
    private final int threads;
    private final long seed;
    private final ExecutorService pool;

    /**
     * @param trainConfig pipeline of training batches (augmentation on)
     * @param evalConfig  pipeline of validation batches (centred, as the model encodes files later)
     * @param threads     decoding threads (≥ 1)
     * @param seed        the run's seed
     */
    StreamedImages(ImageList images, ImagePipelineConfig trainConfig, ImagePipelineConfig evalConfig, int threads,
            long seed) {
        this.images = images;
        this.training = new ImagePipeline(trainConfig);
        this.evaluation = new ImagePipeline(evalConfig);
        this.shape = evalConfig.fixedOutputShape();
        if (shape == null || trainConfig.fixedOutputShape() == null
                || !java.util.Arrays.equals(shape, trainConfig.fixedOutputShape())) {
            throw new IllegalArgumentException("training and evaluation pipelines must give one fixed shape");
        }
        this.threads = threads;
        this.seed = seed;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "train-images-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {c, h, w} of each decoded image. */
    int[] shape() {
        return shape.clone();
    }

    /** Values per decoded image. */
    int dimension() {
        return shape[0] * shape[1] * shape[2];
    }

    /**
     * The batches of {@code items[0..]} in that order, {@code batchSize} at a time, as (n × dimension)
     * rows; augmented when {@code train}, then drawn from (seed, epoch, position).
     */
    Iterator<INDArray> batches(int epoch, int[] items, int batchSize, boolean train) {
        return new Ahead(epoch, items, batchSize, train);
    }

    private float[] decodeBatch(int[] items, int start, int end, boolean train, long base) {
        int d = dimension();
        float[] flat = new float[(end - start) * d];
        ImagePipeline p = train ? training : evaluation;
        for (int i = start; i < end; i++) {
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            Random rnd = train ? new Random(base + i * 0x9E3779B97F4A7C15L) : null;
            float[] row = p.apply(images.files().get(items[i]), train, rnd);
            if (row.length != d) {
                throw new HashingException(images.files().get(items[i]) + ": image gives " + row.length
                        + " values after preprocessing, expected " + d);
            }
            System.arraycopy(row, 0, flat, (i - start) * d, d);
        }
        return flat;
    }

    /** Submits batches ahead and hands them out in order. */
    private final class Ahead implements Iterator<INDArray> {
        private final int[] items;
        private final int batchSize;
        private final boolean train;
        private final long base;
        private final int batches;
        private final ArrayDeque<Future<float[]>> pending = new ArrayDeque<>();
        private int submitted;
        private int taken;

        Ahead(int epoch, int[] items, int batchSize, boolean train) {
            this.items = items.clone();
            this.batchSize = batchSize;
            this.train = train;
            this.base = Batches.random(seed, epoch, AUGMENT).nextLong();
            this.batches = (items.length + batchSize - 1) / batchSize;
            fill();
        }

        private void fill() {
            while (submitted < batches && pending.size() < threads + 1) {
                int start = submitted * batchSize;
                int end = Math.min(items.length, start + batchSize);
                pending.add(pool.submit(() -> decodeBatch(items, start, end, train, base)));
                submitted++;
            }
        }

        @Override
        public boolean hasNext() {
            return taken < batches;
        }

        @Override
        public INDArray next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Future<float[]> f = pending.poll();
            float[] flat;
            try {
                flat = f.get();
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new HashingException("interrupted while waiting for decoded images");
            } catch (ExecutionException e) {
                cancel();
                Throwable c = e.getCause();
                if (c instanceof HashingException h) {
                    throw new HashingException(h.getMessage(), h);
                }
                throw new HashingException("decoding training images failed: " + c, c);
            }
            int start = taken * batchSize;
            int n = Math.min(items.length, start + batchSize) - start;
            taken++;
            fill();
            return Nd4j.create(flat, new long[] {n, dimension()}, 'c');
        }

        private void cancel() {
            for (Future<float[]> p : pending) {
                p.cancel(true);
            }
            pending.clear();
            submitted = batches;
            taken = batches;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
