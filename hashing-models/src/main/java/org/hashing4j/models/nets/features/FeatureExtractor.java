package org.hashing4j.models.nets.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageBatchIterator;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.image.ImageSource;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.samediff.BackboneGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.exception.ND4JIllegalStateException;

/**
 * Runs a {@link NetworkBackbone} (DL4J layer API: SqueezeNet, DL4J zips, Keras files) or a SameDiff
 * {@link BackboneGraph} (AlexNet, VGG16, ResNet18, ResNet50: oneDNN, 1–2× PyTorch's forward speed here
 * against 0.16–0.4× for the layer API) over images and keeps the activations of one layer as features
 * (one row per image, float32), e.g. VGG16's fc7 (4096-D) for the fixed-feature hashing methods. Batches come
 * from any {@link DataSetIterator} giving NCHW images in [0,1] (labels, if any, are kept as
 * {@link Labels}); progress and images/s go to a {@link TrainingListener}. Only the layers the
 * feature layer depends on are computed.
 */
public final class FeatureExtractor {
    private final NetworkBackbone backbone;
    private final BackboneGraph graph;
    private final String layer;
    private final FeaturePooling pooling;
    private double lastImagesPerSecond;

    /**
     * @param backbone the network
     * @param layer    feature layer name, or null for the backbone's default (the classifier's input)
     * @param pooling  how conv activations become a vector (ignored for vector layers)
     */
    public FeatureExtractor(NetworkBackbone backbone, String layer, FeaturePooling pooling) {
        this.backbone = backbone;
        this.graph = null;
        this.layer = layer == null ? backbone.defaultFeatureLayer() : backbone.checkLayer(layer);
        this.pooling = pooling == null ? FeaturePooling.AVG : pooling;
    }

    /**
     * Features of a SameDiff graph's feature layer (the cut point it was built up to).
     *
     * @param pooling how a convolutional cut's map becomes a vector
     */
    public FeatureExtractor(BackboneGraph graph, FeaturePooling pooling) {
        this.backbone = null;
        this.graph = graph;
        this.layer = graph.featureLayer();
        this.pooling = pooling == null ? FeaturePooling.AVG : pooling;
    }

    /** The layer-API network, or null when this extractor runs a SameDiff graph. */
    public NetworkBackbone backbone() {
        return backbone;
    }

    /** The network's name ("vgg16", "resnet50", a file's name). */
    public String name() {
        return graph != null ? graph.network().name() : backbone.name();
    }

    /** {c, h, w} the network takes, or null when it takes images as they come. */
    public int[] inputShape() {
        return graph != null ? graph.imageInput().shape() : backbone.inputShape();
    }

    public String layer() {
        return layer;
    }

    public FeaturePooling pooling() {
        return pooling;
    }

    /** Images per second of the last {@link #extract} run (0 before any). */
    public double lastImagesPerSecond() {
        return lastImagesPerSecond;
    }

    /** The settings that decide the features' values, for cache keys and provenance. */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (graph != null) {
            // Own keys: SameDiff features never answer for a layer-API cache entry (their values differ in
            // the last bits and, for the zoo's ResNet50, in the network), and old entries stay valid.
            m.put("engine", "samediff");
            m.put("backbone", graph.network().name() + " " + graph.weights().id());
            m.put("layer", layer);
            m.put("pooling", pooling.label());
            m.put("input_shape", Arrays.toString(graph.imageInput().shape()));
            m.put("normalization", graph.normalization().toMap());
            return m;
        }
        m.put("backbone", backbone.id());
        m.put("layer", layer);
        m.put("pooling", pooling.label());
        int[] shape = backbone.inputShape();
        m.put("input_shape", shape == null ? "as-is" : Arrays.toString(shape));
        m.put("normalization", backbone.normalization().toMap());
        return m;
    }

    /** Features of one NCHW batch of [0,1] images: n × d. */
    public float[][] features(INDArray nchw) {
        if (graph != null) {
            return finite(pool(graph.activations(nchw, layer), true));
        }
        INDArray x = backbone.prepare(nchw);
        ComputationGraph net = backbone.network();
        INDArray act;
        try {
            act = net.output(List.of(layer), false, new INDArray[] {x}, null)[0];
        } catch (ND4JIllegalStateException | IllegalStateException | IllegalArgumentException e) {
            throw new HashingException("backbone " + backbone.name() + " cannot take images of shape "
                    + Arrays.toString(Arrays.copyOfRange(x.shape(), 1, x.rank())) + " (" + firstLine(e)
                    + "); give the network's input size (--input-size) if it is not the images' size", e);
        }
        return finite(pool(act, backbone.channelsLast()));
    }

    private float[][] finite(INDArray act) {
        INDArray pooled = act.castTo(DataType.FLOAT);
        if (!Double.isFinite(pooled.sumNumber().doubleValue())) {
            throw new HashingException("backbone " + name() + " gives non-finite activations at layer " + layer
                    + " (a randomly initialised network whose batch-norm statistics were never trained, or wrong input"
                    + " normalisation)");
        }
        return pooled.toFloatMatrix();
    }

    private INDArray pool(INDArray act, boolean nhwc) {
        switch (act.rank()) {
            case 2:
                return act;
            case 4: {
                switch (pooling) {
                    case AVG:
                        return nhwc ? act.mean(1, 2) : act.mean(2, 3);
                    case MAX:
                        return nhwc ? act.max(1, 2) : act.max(2, 3);
                    default:
                        return act.reshape('c', act.size(0), act.length() / act.size(0));
                }
            }
            default:
                throw new HashingException("layer " + layer + " of " + name() + " gives activations of rank "
                        + act.rank() + " (shape " + Arrays.toString(act.shape()) + "); pick a convolutional or dense layer");
        }
    }

    /**
     * Extracts features for every image of {@code images} (from its current position; reset it first
     * to start over). {@code expectedTotal} is the number of images for the progress display (0 if
     * unknown). Labels in the batches are kept: one-hot rows become class indices, others multi-hot.
     */
    public FeatureSet extract(DataSetIterator images, String name, long expectedTotal, TrainingListener listener) {
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        l.phaseStarted("features " + name() + "/" + layer, expectedTotal);
        List<float[]> rows = new ArrayList<>();
        List<float[]> labelRows = new ArrayList<>();
        long start = System.nanoTime();
        while (images.hasNext()) {
            DataSet ds = images.next();
            float[][] f = features(ds.getFeatures());
            rows.addAll(Arrays.asList(f));
            INDArray y = ds.getLabels();
            if (y != null && y.rank() == 2 && y.size(1) > 0) {
                labelRows.addAll(Arrays.asList(y.castTo(DataType.FLOAT).toFloatMatrix()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            l.progress(rows.size(), Map.of("images_per_s", rows.size() / Math.max(seconds, 1e-9)));
        }
        if (rows.isEmpty()) {
            throw new HashingException("no images to extract features from (" + name + ")");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        lastImagesPerSecond = rows.size() / Math.max(seconds, 1e-9);
        l.phaseFinished(Map.of("images", (double) rows.size(), "seconds", seconds, "images_per_s", lastImagesPerSecond));
        Labels labels = null;
        if (!labelRows.isEmpty()) {
            if (labelRows.size() != rows.size()) {
                throw new HashingException(name + ": some batches have labels and some do not");
            }
            labels = toLabels(labelRows);
        }
        return new FeatureSet(rows.toArray(new float[0][]), labels, null, name);
    }

    /**
     * Features of the images of an in-memory set (rows of {c,h,w} pixels in [0,1]), in its order,
     * keeping its labels. The images keep their size until the network resizes each batch
     * ({@link NetworkBackbone#prepare}, {@link BackboneGraph#activations}), so a 32×32 set is not held at 224×224.
     */
    public FeatureSet extract(FeatureSet images, int batchSize, TrainingListener listener) {
        ImageBatchIterator it = new ImageBatchIterator(ImageSource.of(images),
                ImagePipelineConfig.asIs(images.imageShape()[0]), batchSize, false, 0, 0, null);
        FeatureSet f = extract(it, images.name(), images.size(), listener);
        return new FeatureSet(f.features(), images.labels(), null,
                images.name() + "/" + name() + "/" + layer);
    }

    /** One-hot rows become class indices; anything else (zero or several ones) multi-hot. */
    static Labels toLabels(List<float[]> rows) {
        boolean oneHot = true;
        int[] cls = new int[rows.size()];
        int[][] multi = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            float[] r = rows.get(i);
            multi[i] = new int[r.length];
            int ones = 0;
            for (int c = 0; c < r.length; c++) {
                if (r[c] == 1f) {
                    multi[i][c] = 1;
                    cls[i] = c;
                    ones++;
                } else if (r[c] != 0f) {
                    throw new HashingException("label row " + i + " has value " + r[c] + " in column " + c
                            + " (expected 0 or 1)");
                }
            }
            oneHot &= ones == 1;
        }
        return oneHot ? Labels.singleLabel(cls) : Labels.multiHot(multi);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
