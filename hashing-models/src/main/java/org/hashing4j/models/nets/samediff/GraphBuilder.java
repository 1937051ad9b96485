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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds NHWC layers to a SameDiff graph for the backbone classes, records every layer with
 * parameters ({@link ParamLayer}) and every named cut point, and stops the build at the requested
 * cut ({@link #mark} returns true there), so that a graph cut at {@code pool5} holds no fc6 weights.
 *
 * <p>Variables, all trainable: {@code <net>/<layer>/W} [kH, kW, in, out] for convolutions (the
 * fastest layout here, and the only one whose backward op works in 1.0.0-M2.1, see
 * {@code SmallCnnBackbone}), [in, out] for dense layers, and {@code /b} [out]. A batch norm has no
 * variables of its own: it runs in inference mode with its running statistics (also while
 * fine-tuning) and is folded into the convolution before it ({@link #convBn}).
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

    /** Names of the trainable variables (weights and biases, batch norms folded in), in build order. */
    List<String> trainable() {
        return trainable;
    }

    String varName(ParamLayer p, String suffix) {
        return net + "/" + p.name() + "/" + suffix;
    }

    /** Convolution with explicit zero padding, He-uniform weights (as torchvision's ReLU networks start). */
    SDVariable conv(String name, String torchKey, String zooName, SDVariable x, int k, int stride, int pad,
            int in, int out, boolean bias) {
        ParamLayer p = new ParamLayer(ParamLayer.Kind.CONV, name, torchKey, zooName, null, bias, null);
        params.add(p);
        SDVariable w = variable(varName(p, "W"), init.heUniform(k * k * in, k, k, in, out));
        SDVariable b = bias ? variable(varName(p, "b"), init.zeros(out)) : null;
        return b == null ? sd.cnn.conv2d(x, w, config(k, stride, pad)) : sd.cnn.conv2d(x, w, b, config(k, stride, pad));
    }

    /**
     * Convolution followed by inference-mode batch norm, held folded as one convolution with a bias:
     * {@code W' = W·s}, {@code b' = beta + (b − mean)·s}, {@code s = gamma / sqrt(var + eps)} per output
     * channel, computed once when weights are loaded ({@link WeightMapping#fold}). The graph trains
     * {@code W'} and {@code b'} directly. With the running statistics frozen, conv + batch norm is one
     * affine map and {@code W'}, {@code b'} span exactly the functions that {@code W}, {@code b},
     * {@code gamma} and {@code beta} do ({@code gamma} only rescales {@code W}'s output channels); the
     * folded form keeps the per-step {@code W·s} broadcast multiply, and its backward that reduces over
     * the whole kernel, out of every training step (13% of a ResNet50 step when it was in the graph).
     * Random weights are the He-uniform kernel with an identity batch norm (gamma 1, beta 0, mean 0,
     * var 1), folded the same way.
     */
    SDVariable convBn(String name, String torchKey, String zooName, String bnName, String bnTorchKey, String bnZooName,
            SDVariable x, int k, int stride, int pad, int in, int out, boolean bias, double eps) {
        ParamLayer p = new ParamLayer(ParamLayer.Kind.CONV, name, torchKey, zooName, null, bias,
                new ParamLayer.BatchNorm(bnName, bnTorchKey, bnZooName, eps));
        params.add(p);
        INDArray[] folded = WeightMapping.fold(init.heUniform(k * k * in, k, k, in, out), null,
                Nd4j.ones(DataType.FLOAT, out), Nd4j.zeros(DataType.FLOAT, out), Nd4j.zeros(DataType.FLOAT, out),
                Nd4j.ones(DataType.FLOAT, out), eps);
        SDVariable w = variable(varName(p, "W"), folded[0]);
        SDVariable b = variable(varName(p, "b"), folded[1]);
        return sd.cnn.conv2d(x, w, b, config(k, stride, pad));
    }

    /**
     * NHWC, kernel [kH, kW, in, out] (YXIO), explicit padding. Measured per op with oneDNN's verbose
     * log and timed against NCHW/OIYX, NHWC/OIYX and SAME padding: this is the fastest forward
     * (oneDNN's brgconv reads NHWC directly), and the backward op costs about the same in every layout
     * because libnd4j's conv2d_bp always converts its activations to oneDNN's blocked layout
     * (see the README's "Backbone speed").
     */
    private static Conv2DConfig config(int k, int stride, int pad) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
    }

    /**
     * {@code x·W + b}; {@code flattenHwc} is set for the first dense layer after a convolution. A
     * matrix product and an add, not {@code sd.nn.linear}: linear's op ({@code xw_plus_b}) goes to
     * oneDNN's inner product, which reorders the whole weight matrix into its blocked layout on every
     * call — 233 ms of reorder against 70 ms of product per call for AlexNet's fc6 (oneDNN verbose log,
     * loaded machine) — while {@code mmul} multiplies the plain [in, out] matrix in place.
     */
    SDVariable dense(String name, String torchKey, String zooName, SDVariable x, int in, int out, int[] flattenHwc) {
        ParamLayer p = new ParamLayer(ParamLayer.Kind.DENSE, name, torchKey, zooName, flattenHwc, true, null);
        params.add(p);
        SDVariable w = variable(varName(p, "W"), init.heUniform(in, in, out));
        SDVariable b = variable(varName(p, "b"), init.zeros(out));
        return sd.mmul(x, w).add(b);
    }

    SDVariable relu(SDVariable x) {
        return sd.nn.relu(x, 0);
    }

    SDVariable maxPool(SDVariable x, int k, int stride, int pad) {
        return sd.cnn.maxPooling2d(x, Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build());
    }

    private SDVariable variable(String name, INDArray value) {
        trainable.add(name);
        return sd.var(name, value);
    }
}
