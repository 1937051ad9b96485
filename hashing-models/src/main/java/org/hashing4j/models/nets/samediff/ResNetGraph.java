package org.hashing4j.models.nets.samediff;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What ResNet18 and ResNet50 share: the stem (7×7/2 conv, batch norm, ReLU, 3×3/2 max pool), four
 * stages of residual blocks and global average pooling. Cut points: {@code conv1} (after its batch
 * norm and ReLU), {@code pool1}, {@code layer1} … {@code layer4} (torchvision's stage names) and
 * {@code avgpool} (the feature vector, batch × 512 or 2048).
 *
 * <p>Batch norm runs in inference mode with its running statistics, in training too, folded into
 * the convolution before it ({@link GraphBuilder#convBn}): training adjusts the folded kernel and
 * bias, the statistics never change. With the small batches that fit a CPU, batch statistics would
 * be noisy, and freezing them is what fine-tuning recipes commonly do.
 */
public abstract class ResNetGraph extends GraphBackbone {
    static final double BN_EPS = 1e-5;
    private static final List<String> LAYERS = List.of("conv1", "pool1", "layer1", "layer2", "layer3", "layer4",
            "avgpool");

    private final int[] blocks;
    private final boolean bottleneck;

    ResNetGraph(int[] blocks, boolean bottleneck) {
        this.blocks = blocks.clone();
        this.bottleneck = bottleneck;
    }

    @Override
    public List<String> layerNames() {
        return LAYERS;
    }

    @Override
    public String defaultFeatureLayer() {
        return "avgpool";
    }

    @Override
    void build(GraphBuilder b, SDVariable x, int height, int width, Variant variant) {
        boolean zoo = variant == Variant.DL4J_ZOO;
        // The zoo's ResNet50 (converted from Keras) has conv biases, pads the stem's max pool with nothing and
        // downsamples in the first 1x1 convolution of a block, stage 2 included; torchvision strides the 3x3 one.
        outSize(height, 7, 2, 3);
        outSize(width, 7, 2, 3);
        x = b.relu(b.convBn("conv1", "conv1", zoo ? "stem-cnn1" : null, "bn1", "bn1", zoo ? "stem-batch1" : null, x, 7, 2,
                3, 3, 64, zoo, BN_EPS));
        if (b.mark("conv1", x)) {
            return;
        }
        x = b.maxPool(x, 3, 2, zoo ? 0 : 1);
        if (b.mark("pool1", x)) {
            return;
        }
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width0 = 64 << stage;
            for (int j = 0; j < blocks[stage]; j++) {
                int stride = j == 0 && (stage > 0 || zoo) ? 2 : 1;
                String torch = "layer" + (stage + 1) + "." + j;
                String zooBlock = (stage + 2) + String.valueOf((char) ('a' + j));
                x = bottleneck ? bottleneck(b, x, torch, zoo ? zooBlock : null, in, width0, stride, zoo)
                        : basic(b, x, torch, in, width0, stride);
                in = bottleneck ? width0 * 4 : width0;
            }
            if (b.mark("layer" + (stage + 1), x)) {
                return;
            }
        }
        if (zoo) {
            // The zoo's "avgpool" is a 3x3/2 max pool (1x1 at 224x224), flattened before its classifier.
            x = b.maxPool(x, 3, 2, 0);
            x = x.reshape(-1, in);
        } else {
            x = x.mean(1, 2);
        }
        b.mark("avgpool", x);
    }

    private static SDVariable basic(GraphBuilder b, SDVariable x, String t, int in, int out, int stride) {
        SDVariable y = b.relu(unit(b, t, "conv1", "bn1", null, null, x, 3, stride, 1, in, out, false));
        y = unit(b, t, "conv2", "bn2", null, null, y, 3, 1, 1, out, out, false);
        SDVariable shortcut = x;
        if (stride != 1 || in != out) {
            shortcut = unit(b, t, "downsample.0", "downsample.1", null, null, x, 1, stride, 0, in, out, false);
        }
        return b.relu(y.add(shortcut));
    }

    private static SDVariable bottleneck(GraphBuilder b, SDVariable x, String t, String z, int in, int mid, int stride,
            boolean zoo) {
        int out = mid * 4;
        String zc = z == null ? null : "res" + z + "_branch";
        String zb = z == null ? null : "bn" + z + "_branch";
        SDVariable y = b.relu(unit(b, t, "conv1", "bn1", name(zc, "2a"), name(zb, "2a"), x, 1, zoo ? stride : 1, 0, in,
                mid, zoo));
        y = b.relu(unit(b, t, "conv2", "bn2", name(zc, "2b"), name(zb, "2b"), y, 3, zoo ? 1 : stride, 1, mid, mid, zoo));
        y = unit(b, t, "conv3", "bn3", name(zc, "2c"), name(zb, "2c"), y, 1, 1, 0, mid, out, zoo);
        SDVariable shortcut = x;
        if (stride != 1 || in != out) {
            shortcut = unit(b, t, "downsample.0", "downsample.1", name(zc, "1"), name(zb, "1"), x, 1, stride, 0, in, out,
                    zoo);
        }
        return b.relu(y.add(shortcut));
    }

    /** Convolution + batch norm of block {@code t} (torchvision names {@code t.conv}, {@code t.bn}). */
    private static SDVariable unit(GraphBuilder b, String t, String conv, String bn, String zooConv, String zooBn,
            SDVariable x, int k, int stride, int pad, int in, int out, boolean bias) {
        return b.convBn(t + "." + conv, t + "." + conv, zooConv, t + "." + bn, t + "." + bn, zooBn, x, k, stride, pad, in,
                out, bias, BN_EPS);
    }

    private static String name(String prefix, String suffix) {
        return prefix == null ? null : prefix + suffix;
    }
}
