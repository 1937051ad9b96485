package org.hashing4j.models.nets.samediff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.models.nets.SeededInitializer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds NHWC layers to a SameDiff graph for the backbone classes, records every layer with
 * parameters ({@link ParamLayer}) and every named cut point, and stops the build at the requested
 * cut ({@link #mark} returns true there), so that a graph cut at {@code pool5} holds no fc6 weights.
 *
 * <p>Variables: {@code <net>/<layer>/W} [kH, kW, in, out] (the only conv weight layout whose
 * backward op works in 1.0.0-M2.1, see {@code SmallCnnBackbone}), {@code /b}, batch norm
 * {@code /gamma}, {@code /beta} (trainable) and {@code /mean}, {@code /var} (constants: batch norm
 * runs in inference mode with running statistics, also while fine-tuning).
 */
final class GraphBuilder {
    private final SameDiff sd;
    private final String net;
    private final SeededInitializer init;
    private final String cut;
    private final List<ParamLayer> params = new ArrayList<>();
    private final Map<String, SDVariable> layers = new LinkedHashMap<>();
    private final List<String> trainable = new ArrayList<>();
    private boolean reached;

    GraphBuilder(SameDiff sd, String net, SeededInitializer init, String cut) {
        this.sd = sd;
        this.net = net;
        this.init = init;
        this.cut = cut;
    }

    SameDiff sd() {
        return sd;
    }

    /** Records {@code x} as the output of cut point {@code layer}; true when it is the requested cut. */
    boolean mark(String layer, SDVariable x) {
        layers.put(layer, x.rename(net + "/" + layer));
        reached = layer.equals(cut);
        return reached;
    }

    boolean reached() {
        return reached;
    }

    Map<String, SDVariable> layers() {
        return layers;
    }

    List<ParamLayer> params() {
        return params;
    }

    /** Names of the trainable variables (weights, biases, batch-norm gamma and beta), in build order. */
    List<String> trainable() {
        return trainable;
    }

    String varName(ParamLayer p, String suffix) {
        return net + "/" + p.name() + "/" + suffix;
    }

    /** Convolution with explicit zero padding, He-uniform weights (as torchvision's ReLU networks start). */
    SDVariable conv(String name, String torchKey, String zooName, SDVariable x, int k, int stride, int pad,
            int in, int out, boolean bias) {
        ParamLayer p = new ParamLayer(ParamLayer.Kind.CONV, name, torchKey, zooName, null, 0);
        params.add(p);
        SDVariable w = variable(varName(p, "W"), init.heUniform(k * k * in, k, k, in, out));
        SDVariable b = bias ? variable(varName(p, "b"), init.zeros(out)) : null;
        Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        return b == null ? sd.cnn.conv2d(x, w, c) : sd.cnn.conv2d(x, w, b, c);
    }

    /**
     * Convolution followed by inference-mode batch norm, folded into one convolution:
     * {@code conv(x, W·s) + (b − mean)·s + beta} with {@code s = gamma / sqrt(var + eps)} per output
     * channel. Gradients still reach W, b, gamma and beta through the small folding ops. Two reasons:
     * SameDiff 1.0.0-M2.1 cannot differentiate its batchnorm op (BatchNormDerivative is built without
     * its axis and throws), and the folded form skips a full pass over the activations forward and
     * backward.
     */
    SDVariable convBn(String name, String torchKey, String zooName, String bnName, String bnTorchKey, String bnZooName,
            SDVariable x, int k, int stride, int pad, int in, int out, boolean bias, double eps) {
        ParamLayer c = new ParamLayer(ParamLayer.Kind.CONV, name, torchKey, zooName, null, 0);
        ParamLayer n = new ParamLayer(ParamLayer.Kind.BATCH_NORM, bnName, bnTorchKey, bnZooName, null, eps);
        params.add(c);
        params.add(n);
        SDVariable w = variable(varName(c, "W"), init.heUniform(k * k * in, k, k, in, out));
        SDVariable b = bias ? variable(varName(c, "b"), init.zeros(out)) : null;
        SDVariable gamma = variable(varName(n, "gamma"), Nd4j.ones(DataType.FLOAT, out));
        SDVariable beta = variable(varName(n, "beta"), init.zeros(out));
        SDVariable mean = sd.constant(varName(n, "mean"), init.zeros(out));
        SDVariable var = sd.constant(varName(n, "var"), Nd4j.ones(DataType.FLOAT, out));
        SDVariable scale = gamma.mul(sd.math.rsqrt(var.add(eps)));
        SDVariable shift = beta.add((b == null ? mean.neg() : b.sub(mean)).mul(scale));
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn.conv2d(x, w.mul(scale), shift, cfg);
    }

    /** {@code x·W + b}; {@code flattenHwc} is set for the first dense layer after a convolution. */
    SDVariable dense(String name, String torchKey, String zooName, SDVariable x, int in, int out, int[] flattenHwc) {
        ParamLayer p = new ParamLayer(ParamLayer.Kind.DENSE, name, torchKey, zooName, flattenHwc, 0);
        params.add(p);
        SDVariable w = variable(varName(p, "W"), init.heUniform(in, in, out));
        SDVariable b = variable(varName(p, "b"), init.zeros(out));
        return sd.nn.linear(x, w, b);
    }

    SDVariable relu(SDVariable x) {
        return sd.nn.relu(x, 0);
    }

    SDVariable maxPool(SDVariable x, int k, int stride, int pad) {
        return sd.cnn.maxPooling2d(x, Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build());
    }

    private SDVariable variable(String name, org.nd4j.linalg.api.ndarray.INDArray value) {
        trainable.add(name);
        return sd.var(name, value);
    }
}
