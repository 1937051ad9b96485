package org.hashing4j.models.backbone;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link DataSetIterator} over the images of an in-memory {@link FeatureSet} (rows of flattened
 * {c,h,w} pixels in [0,1], as {@code Datasets.load} returns them): NCHW batches, labels one-hot
 * (single-label) or multi-hot (multi-label), optionally shuffled anew each epoch and flipped at
 * random (training augmentation), both from a seed. Images keep their own size; the backbone
 * resizes them ({@link Backbone#prepare}), so a 32×32 dataset does not sit in memory at 224×224.
 */
public final class ImageSetIterator implements DataSetIterator {
    private final float[][] rows;
    private final int[] chw;
    private final Labels labels;
    private final int numClasses;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean flip;
    private final long seed;
    private int[] order;
    private int cursor;
    private int epoch;
    private Random augmentRandom;
    private DataSetPreProcessor preProcessor;

    /**
     * @param images     the images (image shape required); labels optional (zero label columns if absent)
     * @param numClasses label columns (≥ the labels' class count; 0 = take it from the labels)
     * @param batchSize  items per batch
     * @param shuffle    new random order each epoch
     * @param flip       random horizontal flips
     * @param seed       seed of the order and the flips
     */
    public ImageSetIterator(FeatureSet images, int numClasses, int batchSize, boolean shuffle, boolean flip, long seed) {
        if (images.imageShape() == null) {
            throw new HashingException("feature set " + images.name() + " holds no images (no image shape); a backbone needs images");
        }
        if (batchSize < 1) {
            throw new HashingException("batch size must be >= 1, got " + batchSize);
        }
        this.rows = images.features();
        this.chw = images.imageShape();
        this.labels = images.labels();
        int fromLabels = labels == null ? 0 : labels.numClasses();
        if (numClasses != 0 && numClasses < fromLabels) {
            throw new HashingException("feature set " + images.name() + " has " + fromLabels + " classes, more than the "
                    + numClasses + " expected");
        }
        this.numClasses = numClasses == 0 ? fromLabels : numClasses;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.flip = flip;
        this.seed = seed;
        startEpoch();
    }

    private void startEpoch() {
        order = new int[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random r = new Random(seed * 1_000_003L + epoch);
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        augmentRandom = new Random(r.nextLong());
        cursor = 0;
    }

    /** Number of images. */
    public int size() {
        return rows.length;
    }

    /** Image shape {c,h,w} of the rows. */
    public int[] imageShape() {
        return chw.clone();
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
        int n = Math.min(num, order.length - cursor);
        int[] idx = Arrays.copyOfRange(order, cursor, cursor + n);
        cursor += n;
        float[][] batchRows = new float[n][];
        for (int i = 0; i < n; i++) {
            batchRows[i] = rows[idx[i]];
        }
        INDArray x = ImageBatches.fromRows(batchRows, 0, n, chw);
        if (flip) {
            x = ImageBatches.randomHorizontalFlip(x, augmentRandom);
        }
        INDArray y = Nd4j.zeros(x.dataType(), n, Math.max(numClasses, 0));
        if (labels != null) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < labels.numClasses(); c++) {
                    if (labels.has(idx[i], c)) {
                        y.putScalar(i, c, 1.0);
                    }
                }
            }
        }
        DataSet ds = new DataSet(x, y);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return chw[0] * chw[1] * chw[2];
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

    /** Starts the next epoch (a new order and new flips when enabled). */
    @Override
    public void reset() {
        epoch++;
        startEpoch();
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
        return null;
    }
}
