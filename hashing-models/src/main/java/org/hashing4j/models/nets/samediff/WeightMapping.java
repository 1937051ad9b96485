package org.hashing4j.models.nets.samediff;

import java.util.Arrays;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Copies weights from a source (torchvision keys or DL4J zoo parameter names) into a built graph,
 * layer by layer by name, converting layouts: conv kernels [out, in, kH, kW] → [kH, kW, in, out];
 * torchvision linear [out, in] → [in, out]; the first dense layer after a convolution reorders its
 * input rows from CHW (how torchvision and DL4J flatten) to HWC (how the NHWC graph flattens); zoo
 * batch norm stores log10 of the standard deviation, turned back into a variance.
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
                    set(sd, g.varName(p, "W"), w, key, from);
                    if (sd.hasVariable(g.varName(p, "b"))) {
                        set(sd, g.varName(p, "b"), get(src, key, zoo ? "_b" : ".bias", from), key, from);
                    }
                    break;
                }
                case BATCH_NORM: {
                    set(sd, g.varName(p, "gamma"), get(src, key, zoo ? "_gamma" : ".weight", from), key, from);
                    set(sd, g.varName(p, "beta"), get(src, key, zoo ? "_beta" : ".bias", from), key, from);
                    set(sd, g.varName(p, "mean"), get(src, key, zoo ? "_mean" : ".running_mean", from), key, from);
                    INDArray var;
                    if (zoo && !src.containsKey(key + "_var")) {
                        // DL4J stores log10(sqrt(var + eps)) when useLogStd is on (the zoo's default).
                        INDArray std = Transforms.exp(get(src, key, "_log10stdev", from).dup().muli(Math.log(10)), false);
                        var = std.muli(std).subi(p.epsilon());
                    } else {
                        var = get(src, key, zoo ? "_var" : ".running_var", from);
                    }
                    set(sd, g.varName(p, "var"), var, key, from);
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
