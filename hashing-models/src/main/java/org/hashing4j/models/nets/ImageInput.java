package org.hashing4j.models.nets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input conventions of a network, kept apart from the network so that a saved model can apply
 * them again: the image size it takes (null = as the images come), the pixel normalisation and the
 * layout. {@link #prepare} turns NCHW [0,1] batches into the network's input.
 *
 * @param shape         {channels, height, width} the network takes, or null
 * @param normalization what the weights expect
 * @param channelsLast  whether the network takes NHWC
 */
public record ImageInput(int[] shape, InputNormalization normalization, boolean channelsLast) {
    public ImageInput {
        shape = shape == null ? null : shape.clone();
    }

    @Override
    public int[] shape() {
        return shape == null ? null : shape.clone();
    }

    /** Channels adapted, resized, normalised and in the network's layout. */
    public INDArray prepare(INDArray nchw) {
        INDArray x = normalization.apply(ImageBatches.adapt(nchw, shape));
        return channelsLast ? ImageBatches.toChannelsLast(x) : x;
    }

    /** As plain data (model files). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", shape == null ? null : Arrays.stream(shape).boxed().toList());
        m.put("normalization", normalization.toMap());
        m.put("channels_last", channelsLast);
        return m;
    }

    /** Reads what {@link #toMap} wrote. */
    public static ImageInput fromMap(Map<?, ?> m) {
        try {
            Object s = m.get("shape");
            int[] shape = s == null ? null : ((List<?>) s).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
            return new ImageInput(shape, InputNormalization.fromMap((Map<?, ?>) m.get("normalization")),
                    Boolean.TRUE.equals(m.get("channels_last")));
        } catch (ClassCastException | NullPointerException e) {
            throw new HashingException("malformed image input settings: " + m);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageInput && Arrays.equals(shape, ((ImageInput) o).shape)
                && normalization.equals(((ImageInput) o).normalization) && channelsLast == ((ImageInput) o).channelsLast;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + normalization.hashCode() + (channelsLast ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ImageInput" + toMap();
    }
}
