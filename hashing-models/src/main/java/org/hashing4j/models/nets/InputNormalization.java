package org.hashing4j.models.nets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How a backbone wants its input pixels. Everything that enters a backbone in hashing4j is an RGB
 * (or grayscale) batch in NCHW layout with values in [0, 1] (the {@code FeatureSet} convention);
 * this class turns such a batch into what the backbone's weights were trained on:
 * {@code out[c] = (in[order[c]] * scale - mean[c]) / std[c]}.
 *
 * <p>Presets: {@link #CAFFE} (Keras "caffe" mode: BGR, 0–255, ImageNet BGR means, no division;
 * the DL4J zoo's ImageNet weights for VGG16, ResNet50 and SqueezeNet were converted from Keras
 * models trained that way), {@link #IMAGENET} (PyTorch style: RGB in [0,1], ImageNet mean/std) and
 * {@link #NONE} ([0,1] unchanged). It is saved with every fine-tuned model so that encoding later
 * sees exactly what training saw.
 */
public final class InputNormalization {
    /** Keras "caffe" mode: RGB→BGR, ×255, minus the ImageNet BGR means. */
    public static final InputNormalization CAFFE = new InputNormalization("caffe", true, 255.0,
            new double[] {103.939, 116.779, 123.68}, new double[] {1, 1, 1});
    /** PyTorch/torchvision style: RGB in [0,1], minus ImageNet mean, divided by ImageNet std. */
    public static final InputNormalization IMAGENET = new InputNormalization("imagenet", false, 1.0,
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
    /** Pixels in [0,1] as they are. */
    public static final InputNormalization NONE = new InputNormalization("none", false, 1.0,
            new double[] {0}, new double[] {1});

    private final String name;
    private final boolean bgr;
    private final double scale;
    private final double[] mean;
    private final double[] std;

    /**
     * @param name  a label for provenance ("caffe", "imagenet", "none" or "custom")
     * @param bgr   reverse the channel order (RGB → BGR) before subtracting means
     * @param scale multiplier applied to the [0,1] pixels first (255 for 0–255 trained weights)
     * @param mean  per-channel mean subtracted after scaling (one value = all channels)
     * @param std   per-channel divisor (one value = all channels), all &gt; 0
     */
    public InputNormalization(String name, boolean bgr, double scale, double[] mean, double[] std) {
        if (mean.length == 0 || std.length == 0 || !(scale > 0) || !Double.isFinite(scale)) {
            throw new HashingException("input normalisation '" + name + "' needs a positive scale and at least one mean and std");
        }
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new HashingException("input normalisation '" + name + "': std values must be positive, got "
                        + Arrays.toString(std));
            }
        }
        this.name = name;
        this.bgr = bgr;
        this.scale = scale;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** A preset by name: caffe, imagenet or none. */
    public static InputNormalization preset(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "caffe":
                return CAFFE;
            case "imagenet":
                return IMAGENET;
            case "none":
                return NONE;
            default:
                throw new HashingException("unknown input normalisation '" + name + "'; known: caffe, imagenet, none");
        }
    }

    public String name() {
        return name;
    }

    /** Whether the channel order is reversed (RGB in, BGR to the network). */
    public boolean bgr() {
        return bgr;
    }

    public double scale() {
        return scale;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    /**
     * Returns a normalised copy of an NCHW batch with values in [0,1] (the input is not changed).
     * Grayscale batches ({@code C = 1}) use the first mean/std; BGR reversal needs three channels.
     */
    public INDArray apply(INDArray nchw) {
        if (nchw.rank() != 4) {
            throw new HashingException("expected an image batch of rank 4 (N, C, H, W), got shape "
                    + Arrays.toString(nchw.shape()));
        }
        int channels = (int) nchw.size(1);
        if (mean.length > 1 && mean.length != channels) {
            throw new HashingException("input normalisation '" + name + "' has " + mean.length
                    + " channel means but the images have " + channels + " channels");
        }
        INDArray in = nchw.dataType().isFPType() ? nchw : nchw.castTo(DataType.FLOAT);
        INDArray out = Nd4j.createUninitialized(in.dataType(), in.shape(), 'c');
        for (int c = 0; c < channels; c++) {
            int src = bgr && channels == 3 ? 2 - c : c;
            double m = mean.length == 1 ? mean[0] : mean[c];
            double s = std.length == 1 ? std[0] : std[c];
            INDArray from = in.get(NDArrayIndex.all(), NDArrayIndex.point(src), NDArrayIndex.all(), NDArrayIndex.all());
            out.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(from.mul(scale / s).subi(m / s));
        }
        return out;
    }

    /** As plain data for model files and cache keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("bgr", bgr);
        m.put("scale", scale);
        m.put("mean", toList(mean));
        m.put("std", toList(std));
        return m;
    }

    /** Reads what {@link #toMap} wrote. */
    public static InputNormalization fromMap(Map<?, ?> m) {
        try {
            return new InputNormalization(String.valueOf(m.get("name")), Boolean.TRUE.equals(m.get("bgr")),
                    ((Number) m.get("scale")).doubleValue(), toArray((List<?>) m.get("mean")),
                    toArray((List<?>) m.get("std")));
        } catch (ClassCastException | NullPointerException e) {
            throw new HashingException("malformed input normalisation settings: " + m);
        }
    }

    private static List<Double> toList(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static double[] toArray(List<?> l) {
        return l.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InputNormalization)) {
            return false;
        }
        InputNormalization n = (InputNormalization) o;
        return bgr == n.bgr && scale == n.scale && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std) + (bgr ? 1 : 0);
    }

    @Override
    public String toString() {
        return name + (bgr ? " (BGR" : " (RGB") + ", x" + scale + ", mean " + Arrays.toString(mean) + ", std "
                + Arrays.toString(std) + ")";
    }
}
