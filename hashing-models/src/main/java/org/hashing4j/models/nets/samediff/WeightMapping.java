package org.hashing4j.models.nets.samediff;

import java.util.Arrays;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Copies weights from a source (torchvision keys or DL4J zoo parameter names) into a built graph,
 * layer by layer by name, converting layouts: conv kernels [out, in, kH, kW] → [kH, kW, in, out];
 * torchvision linear [out, in] → [in, out]; the first dense layer after a convolution reorders its
 * input rows from CHW (how torchvision and DL4J flatten) to HWC (how the NHWC graph flattens); zoo
 * batch norm stores log10 of the standard deviation, turned back into a variance; a batch norm is
 * folded into the convolution before it ({@link #fold}), as the graph holds it.
 * Every shape is checked; a missing or misshapen tensor is a one-line error naming it.
 */
final class WeightMapping {
    private WeightMapping() {
    }

    static void apply(BackboneGraph g, Map<String, INDArray> src, BackboneWeights weights) {
        boolean zoo = weights.kind() == BackboneWeights.Kind.DL4J_ZOO;
        String from = weights.file() == null ? weights.id() : weights.file().toString();
        SameDiff sd = g.sameDiff();
        for (ParamLayer p : g.params()) {
            String key = zoo ? p.zooName() : p.torchKey();
            switch (p.kind()) {
                case CONV: {
                    INDArray w = get(src, key, zoo ? "_W" : ".weight", from).permute(2, 3, 1, 0);
                    INDArray b = p.bias() ? get(src, key, zoo ? "_b" : ".bias", from) : null;
                    ParamLayer.BatchNorm bn = p.bn();
                    if (bn != null) {
                        String k = zoo ? bn.zooName() : bn.torchKey();
                        INDArray var;
                        if (zoo && !src.containsKey(k + "_var")) {
                            // DL4J stores log10(sqrt(var + eps)) when useLogStd is on (the zoo's default).
                            INDArray std = Transforms.exp(get(src, k, "_log10stdev", from).dup().muli(Math.log(10)), false);
                            var = std.muli(std).subi(bn.epsilon());
                        } else {
                            var = get(src, k, zoo ? "_var" : ".running_var", from);
                        }
                        INDArray[] f = fold(checked(w, g.varName(p, "W"), sd, key, from), b,
                                get(src, k, zoo ? "_gamma" : ".weight", from), get(src, k, zoo ? "_beta" : ".bias", from),
                                get(src, k, zoo ? "_mean" : ".running_mean", from), var, bn.epsilon());
                        w = f[0];
                        b = f[1];
                    }
                    set(sd, g.varName(p, "W"), w, key, from);
                    if (b != null) {
                        set(sd, g.varName(p, "b"), b, key, from);
                    }
                    break;
                }
                case DENSE: {
                    // torchvision [out, in]; the zoo [in, out]. Either way the input index runs over (c, h, w).
                    INDArray w = get(src, key, zoo ? "_W" : ".weight", from);
                    INDArray inOut = zoo ? w : w.transpose();
                    int[] hwc = p.flattenHwc();
                    if (hwc != null && inOut.size(0) == (long) hwc[0] * hwc[1] * hwc[2]) {
                        inOut = inOut.reshape('c', hwc[2], hwc[0], hwc[1], inOut.size(1)).permute(1, 2, 0, 3)
                                .dup('c').reshape('c', inOut.size(0), inOut.size(1));
                    }
                    set(sd, g.varName(p, "W"), inOut, key, from);
                    set(sd, g.varName(p, "b"), get(src, key, zoo ? "_b" : ".bias", from), key, from);
                    break;
                }
                default:
                    throw new IllegalStateException(p.kind().toString());
            }
        }
    }

    /**
     * Folds an inference-mode batch norm into the convolution before it:
     * {@code W' = W·s}, {@code b' = beta + (b − mean)·s} with {@code s = gamma / sqrt(var + eps)},
     * computed in double and returned as float.
     *
     * @param w kernel [kH, kW, in, out]
     * @param b the convolution's own bias [out], or null when it has none
     * @return {W', b'}
     */
    static INDArray[] fold(INDArray w, INDArray b, INDArray gamma, INDArray beta, INDArray mean, INDArray var,
            double eps) {
        long out = w.size(3);
        INDArray s = gamma.reshape(out).castTo(DataType.DOUBLE).div(
                Transforms.sqrt(var.reshape(out).castTo(DataType.DOUBLE).add(eps), false));
        INDArray kernel = w.castTo(DataType.DOUBLE).dup('c').reshape('c', -1, out).muliRowVector(s.reshape(1, out))
                .reshape('c', w.shape());
        INDArray centred = mean.reshape(out).castTo(DataType.DOUBLE).neg();
        if (b != null) {
            centred.addi(b.reshape(out).castTo(DataType.DOUBLE));
        }
        INDArray shift = beta.reshape(out).castTo(DataType.DOUBLE).add(centred.muli(s));
        return new INDArray[] {kernel.castTo(DataType.FLOAT), shift.castTo(DataType.FLOAT)};
    }

    /** {@code value} if it has the shape of graph variable {@code var}, else the one-line shape error. */
    private static INDArray checked(INDArray value, String var, SameDiff sd, String key, String from) {
        long[] want = sd.getVariable(var).getArr().shape();
        if (!Arrays.equals(value.shape(), want)) {
            throw new HashingException(from + ": tensor '" + key + "' has shape " + Arrays.toString(value.shape())
                    + " but the graph needs " + Arrays.toString(want) + " for " + var);
        }
        return value;
    }

    private static INDArray get(Map<String, INDArray> src, String key, String suffix, String from) {
        if (key == null) {
            throw new HashingException(from + ": these weights have no layout for this network");
        }
        INDArray a = src.get(key + suffix);
        if (a == null) {
            throw new HashingException(from + ": no tensor '" + key + suffix + "' (is it the right network's weights?)");
        }
        return a;
    }

    private static void set(SameDiff sd, String var, INDArray value, String key, String from) {
        SDVariable v = sd.getVariable(var);
        INDArray target = v.getArr();
        long[] want = target.shape();
        INDArray src = value.rank() == 1 && want.length == 1 ? value.reshape(value.length()) : value;
        if (!Arrays.equals(src.shape(), want)) {
            throw new HashingException(from + ": tensor '" + key + "' has shape " + Arrays.toString(value.shape())
                    + " but the graph needs " + Arrays.toString(want) + " for " + var
                    + " (dense layers after a convolution fit only the input size the weights were trained at, 224x224;"
                    + " cut the network earlier or use that size)");
        }
        target.assign(src);
    }
}
