package org.hashing4j.models.nets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The small CNN for 28×28 images used by the reference figures: conv 5×5 (32) + ReLU, max-pool 2,
 * conv 5×5 (64) + ReLU, max-pool 2, fully connected 500 + ReLU (no padding, stride 1). It accepts
 * any c × h × w image large enough for the two valid convolutions and pools.
 *
 * <p>Built from plain SameDiff ops, which run on oneDNN with the {@code -onednn} native build of
 * nd4j-native (about four times faster here than DL4J's {@code ConvolutionLayer}). Rows arrive
 * flattened channel-major (c, h, w), as {@code FeatureSet} stores images; the layout inside the
 * graph is NHWC by default (measured faster here) or NCHW.
 */
public final class SmallCnnBackbone implements Backbone {
    public static final String NAME = "cnn";
    static final int KERNEL = 5;
    static final int CONV1 = 32;
    static final int CONV2 = 64;
    static final int FC = 500;

    /** Tensor layout inside the graph. */
    public enum Layout {
        NHWC, NCHW;

        /** Parses "nhwc" / "nchw" (any case); anything else is an error naming the value. */
        public static Layout parse(String s) {
            for (Layout l : values()) {
                if (l.name().equalsIgnoreCase(s.trim())) {
                    return l;
                }
            }
            throw new HashingException("unknown CNN layout '" + s + "'; known: nhwc, nchw");
        }
    }

    private final int[] imageShape;
    private final Layout layout;
    private final int flatDimension;

    /**
     * @param imageShape {channels, height, width} of the flattened input rows
     * @param layout     tensor layout inside the graph
     */
    public SmallCnnBackbone(int[] imageShape, Layout layout) {
        if (imageShape == null || imageShape.length != 3) {
            throw new HashingException("cnn backbone needs images (channels, height, width); this data has no image shape");
        }
        int afterConv1H = imageShape[1] - KERNEL + 1;
        int afterConv1W = imageShape[2] - KERNEL + 1;
        int afterConv2H = afterConv1H / 2 - KERNEL + 1;
        int afterConv2W = afterConv1W / 2 - KERNEL + 1;
        if (imageShape[0] < 1 || afterConv2H < 2 || afterConv2W < 2) {
            throw new HashingException("cnn backbone needs images of at least 16x16 pixels, got "
                    + imageShape[0] + "x" + imageShape[1] + "x" + imageShape[2]);
        }
        this.imageShape = imageShape.clone();
        this.layout = layout;
        this.flatDimension = (afterConv2H / 2) * (afterConv2W / 2) * CONV2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int inputDimension() {
        return imageShape[0] * imageShape[1] * imageShape[2];
    }

    public Layout layout() {
        return layout;
    }

    public int[] imageShape() {
        return imageShape.clone();
    }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("input_dimension", inputDimension());
        m.put("image_shape", List.of(imageShape[0], imageShape[1], imageShape[2]));
        m.put("layout", layout.name().toLowerCase(Locale.ROOT));
        return m;
    }

    @Override
    public Features build(SameDiff sd, SDVariable input, SeededInitializer init) {
        int c = imageShape[0];
        int h = imageShape[1];
        int w = imageShape[2];
        boolean nhwc = layout == Layout.NHWC;
        SDVariable x = input.reshape(-1, c, h, w);
        if (nhwc) {
            // One channel: (c, h, w) and (h, w, c) are the same memory, so a reshape suffices.
            x = c == 1 ? input.reshape(-1, h, w, 1) : x.permute(0, 2, 3, 1);
        }
        x = convReluPool(sd, "conv1", x, c, CONV1, init, nhwc);
        x = convReluPool(sd, "conv2", x, CONV1, CONV2, init, nhwc);
        x = x.reshape(-1, flatDimension);
        x = sd.nn.relu(Layers.dense(sd, NAME + "/fc", x, flatDimension, FC, init, Layers.Init.RELU), 0);
        return new Features(x, FC);
    }

    private static SDVariable convReluPool(SameDiff sd, String layer, SDVariable x, int in, int out,
            SeededInitializer init, boolean nhwc) {
        int fanIn = KERNEL * KERNEL * in;
        // Weights [kH, kW, in, out] (YXIO) for both layouts: in 1.0.0-M2.1 conv2d's backward op ignores
        // the weights format and fails for OIYX/OYXI (checked here), so YXIO is the only one that trains.
        SDVariable weights = sd.var(NAME + "/" + layer + "/W", init.heUniform(fanIn, KERNEL, KERNEL, in, out));
        SDVariable bias = sd.var(NAME + "/" + layer + "/b", init.zeros(out));
        Conv2DConfig conv = Conv2DConfig.builder().kH(KERNEL).kW(KERNEL).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat(nhwc ? Conv2DConfig.NHWC : Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.YXIO)
                .build();
        SDVariable y = sd.nn.relu(sd.cnn.conv2d(NAME + "/" + layer, x, weights, bias, conv), 0);
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).isNHWC(nhwc).build();
        return sd.cnn.maxPooling2d(y, pool);
    }
}
