package org.hashing4j.models.nets;

import java.util.Arrays;
import org.hashing4j.core.HashingException;
import org.nd4j.enums.ImageResizeMethod;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Small operations on NCHW image batches that the backbones need between the data and the network:
 * matching the channel count, bilinear resizing to the network's input size, and the NCHW → NHWC
 * switch for channels-last networks (Keras imports). They run as ND4J ops, so they run on the GPU
 * too when the CUDA backend is in use. Decoding, cropping and flipping image files is the data
 * pipeline's job ({@code org.hashing4j.datasets.image}).
 */
public final class ImageBatches {
    private ImageBatches() {
    }

    /** Rows of flattened {c,h,w} images (a {@code FeatureSet}'s rows) as an NCHW float batch. */
    public static INDArray fromRows(float[][] rows, int from, int to, int[] chw) {
        int n = to - from;
        int d = chw[0] * chw[1] * chw[2];
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] r = rows[from + i];
            if (r.length != d) {
                throw new HashingException("image row " + (from + i) + " has " + r.length + " values, expected "
                        + d + " for image shape " + Arrays.toString(chw));
            }
            System.arraycopy(r, 0, flat, i * d, d);
        }
        return Nd4j.create(flat, new long[] {n, chw[0], chw[1], chw[2]}, 'c');
    }

    /**
     * Makes an NCHW batch fit a network input of {c,h,w}: grayscale is repeated to three channels
     * (and RGB averaged to one), and images are resized with bilinear interpolation when their size
     * differs. Returns the input itself when nothing needs changing.
     */
    public static INDArray adapt(INDArray nchw, int[] targetChw) {
        if (nchw.rank() != 4) {
            throw new HashingException("expected an image batch of rank 4 (N, C, H, W), got shape "
                    + Arrays.toString(nchw.shape()));
        }
        INDArray x = nchw.dataType() == DataType.FLOAT ? nchw : nchw.castTo(DataType.FLOAT);
        if (targetChw == null) {
            return x;
        }
        long c = x.size(1);
        if (c != targetChw[0]) {
            if (c == 1 && targetChw[0] == 3) {
                x = Nd4j.concat(1, x, x, x);
            } else if (c == 3 && targetChw[0] == 1) {
                x = x.mean(true, 1);
            } else {
                throw new HashingException("images have " + c + " channels but the network takes " + targetChw[0]);
            }
        }
        if (x.size(2) != targetChw[1] || x.size(3) != targetChw[2]) {
            x = resize(x, targetChw[1], targetChw[2]);
        }
        return x;
    }

    /** Bilinear resize of an NCHW batch (half-pixel centres, as image libraries do). */
    public static INDArray resize(INDArray nchw, int height, int width) {
        INDArray nhwc = nchw.permute(0, 2, 3, 1).dup('c');
        // NDImage.resizeBiLinear(INDArray, int, int, ...) fails in 1.0.0-M2.1 (it passes a null size array); the
        // generic image_resize op with an explicit size works.
        INDArray resized = Nd4j.image().imageResize(nhwc, Nd4j.createFromArray(height, width), false, false,
                ImageResizeMethod.ResizeBilinear);
        return resized.permute(0, 3, 1, 2).dup('c');
    }

    /** NCHW to NHWC (channels-last networks), as a new c-order array. */
    public static INDArray toChannelsLast(INDArray nchw) {
        return nchw.permute(0, 2, 3, 1).dup('c');
    }
}
