package org.hashing4j.models.nets.features;

import java.util.Locale;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.image.ImageBatchIterator;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.NetworkBackbone;

/**
 * Backbone features of one set (train, query or database) of a loaded dataset, through the
 * {@link FeatureCache}: what {@code hashing features} runs, and what an experiment runner calls to
 * give fixed-feature methods CNN features. In-memory image sets (CIFAR-10, Fashion-MNIST) are fed
 * at their own size and resized per batch by the backbone; streamed image files (NUS-WIDE list
 * files, large folders) are decoded, resized and centre-cropped to the backbone's input by the data
 * module's pipeline, on background threads.
 */
public final class DatasetFeatures {
    /** Batches decoded ahead of the network when streaming files. */
    private static final int PREFETCH = 2;

    private DatasetFeatures() {
    }

    /**
     * Features of set {@code which} ("train", "query" or "database") of {@code data}.
     *
     * @param dataKey   what identifies the data beyond the split's own dataset/protocol/seed (e.g. the
     *                  data folder), for the cache key; may be empty
     * @param extractor backbone and layer
     * @param batchSize images per forward pass
     * @param cache     feature cache, or null to always extract
     * @param listener  progress
     */
    public static FeatureSet extract(RetrievalSplit data, String which, String dataKey, FeatureExtractor extractor,
            int batchSize, FeatureCache cache, TrainingListener listener) {
        String split = which == null ? "" : which.toLowerCase(Locale.ROOT);
        if (!split.equals("train") && !split.equals("query") && !split.equals("database")) {
            throw new HashingException("unknown split '" + which + "'; known: train, query, database");
        }
        String dataset = data.dataset() + " protocol=" + data.protocol() + " seed=" + data.seed()
                + (dataKey == null || dataKey.isEmpty() ? "" : " " + dataKey);
        if (data.hasFeatures()) {
            FeatureSet images = pick(data, split);
            if (images.imageShape() == null) {
                throw new HashingException(data.dataset() + " holds " + images.dimension()
                        + "-D feature vectors, not images: there is nothing for a backbone to extract");
            }
            FeatureKey key = new FeatureKey(dataset + " images=" + images.size(), split, extractor.settings());
            return withName(fetch(cache, key, () -> extractor.extract(images, batchSize, listener), listener),
                    data, split, extractor);
        }
        ImageSplit files = data.images().orElseThrow(() -> new HashingException(data.dataset() + " has no images"));
        ImageList list = split.equals("train") ? files.train() : split.equals("query") ? files.query() : files.database();
        ImagePipelineConfig pipeline = pipelineFor(extractor.inputShape(), false);
        FeatureKey key = new FeatureKey(dataset + " images=" + list.size() + " pipeline=" + pipeline, split,
                extractor.settings());
        return withName(fetch(cache, key, () -> {
            ImageBatchIterator it = new ImageBatchIterator(list, pipeline, batchSize, false, 0, files.numClasses(),
                    files.classNames());
            return extractor.extract(it.background(PREFETCH), list.name(), list.size(), listener);
        }, listener), data, split, extractor);
    }

    /**
     * How image files are turned into a backbone's input for encoding and feature extraction: the
     * shorter side resized to 256/224 of the network's input height, then a centre crop of the input
     * size (the usual ImageNet evaluation transform), RGB or grey as the network takes, pixels in
     * [0,1]; the backbone normalises them. Networks that do not record an input size get 224×224 RGB.
     */
    public static ImagePipelineConfig pipelineFor(NetworkBackbone backbone) {
        return pipelineFor(backbone, false);
    }

    /**
     * {@link #pipelineFor(NetworkBackbone)}, or for training ({@code training}): random resized crops of
     * the input size (8–100% of the image's area, aspect ratio 3/4–4/3, as torchvision's
     * {@code RandomResizedCrop}) and random horizontal flips (the iterator applies them when it is in
     * training mode).
     */
    public static ImagePipelineConfig pipelineFor(NetworkBackbone backbone, boolean training) {
        return pipelineFor(backbone.inputShape(), training);
    }

    /** Smallest area fraction of a training crop (torchvision's {@code RandomResizedCrop} default). */
    public static final double MIN_CROP_AREA = 0.08;

    /** The pipeline for a network input of {@code chw} (null: 224×224 RGB). */
    public static ImagePipelineConfig pipelineFor(int[] s, boolean training) {
        int c = s == null ? 3 : (s[0] == 1 ? 1 : 3);
        int h = s == null ? 224 : s[1];
        int w = s == null ? 224 : s[2];
        int shorter = (int) Math.round(Math.max(h, w) * 256.0 / 224.0);
        return new ImagePipelineConfig(c, ImagePipelineConfig.Resize.SHORTER_SIDE, shorter, 0, h, w, training,
                training ? MIN_CROP_AREA : 0, training, null, null);
    }

    private static FeatureSet fetch(FeatureCache cache, FeatureKey key, java.util.function.Supplier<FeatureSet> run,
            TrainingListener listener) {
        return cache == null ? run.get() : cache.getOrExtract(key, run, listener);
    }

    private static FeatureSet pick(RetrievalSplit data, String split) {
        switch (split) {
            case "train":
                return data.train();
            case "query":
                return data.query();
            default:
                return data.database();
        }
    }

    private static FeatureSet withName(FeatureSet f, RetrievalSplit data, String split, FeatureExtractor fx) {
        return new FeatureSet(f.features(), f.labels(), null,
                data.dataset() + "/" + split + "/" + fx.name() + "/" + fx.layer());
    }
}
