package org.hashing4j.models.nets.samediff;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * VGG16 (configuration D): 13 3×3 convolutions in five blocks with 2×2 max pools, then fc6 and fc7
 * (4096, after ReLU). Layer names follow the Caffe model (conv1_1 … conv5_3, pool1 … pool5, fc6, fc7).
 * The same layout holds torchvision's weights ({@code features.0} …, {@code classifier.0/3}) and the
 * DL4J zoo's (layers {@code 0} … {@code 19}). Dropout is left to the head.
 *
 * <p>fc6 takes the pool5 map as it is: 7×7 at 224×224, the size both weight sources were trained at
 * (torchvision pools adaptively to 7×7, the zoo sizes fc6 to its input); at other input sizes
 * pretrained fc6 weights do not fit — cut at pool5.
 */
public final class Vgg16Graph extends GraphBackbone {
    public static final String NAME = "vgg16";
    private static final int[][] BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    private static final List<String> LAYERS = layers();

    private static List<String> layers() {
        List<String> l = new ArrayList<>();
        for (int blk = 0; blk < BLOCKS.length; blk++) {
            for (int i = 0; i < BLOCKS[blk].length; i++) {
                l.add("conv" + (blk + 1) + "_" + (i + 1));
            }
            l.add("pool" + (blk + 1));
        }
        l.add("fc6");
        l.add("fc7");
        return List.copyOf(l);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "VGG16";
    }

    @Override
    public List<String> layerNames() {
        return LAYERS;
    }

    @Override
    public String defaultFeatureLayer() {
        return "fc7";
    }

    @Override
    public boolean supports(Variant variant) {
        return true;
    }

    @Override
    public String torchvisionFile() {
        return "vgg16-397923af.pth";
    }

    @Override
    void build(GraphBuilder b, SDVariable x, int height, int width, Variant variant) {
        int torchIndex = 0; // torchvision's features.N counts conv, ReLU and pool modules
        int zooIndex = 0;   // the zoo numbers its conv and pool layers 0..17, then fc 18, 19
        int in = 3;
        int h = height;
        int w = width;
        for (int blk = 0; blk < BLOCKS.length; blk++) {
            for (int i = 0; i < BLOCKS[blk].length; i++) {
                String name = "conv" + (blk + 1) + "_" + (i + 1);
                int out = BLOCKS[blk][i];
                x = b.relu(b.conv(name, "features." + torchIndex, String.valueOf(zooIndex), x, 3, 1, 1, in, out, true));
                torchIndex += 2;
                zooIndex++;
                in = out;
                if (b.mark(name, x)) {
                    return;
                }
            }
            x = b.maxPool(x, 2, 2, 0);
            h = outSize(h, 2, 2, 0);
            w = outSize(w, 2, 2, 0);
            torchIndex++;
            zooIndex++;
            if (b.mark("pool" + (blk + 1), x)) {
                return;
            }
        }
        int flat = h * w * in;
        x = b.relu(b.dense("fc6", "classifier.0", "18", x.reshape(-1, flat), flat, 4096, new int[] {h, w, in}));
        if (b.mark("fc6", x)) {
            return;
        }
        x = b.relu(b.dense("fc7", "classifier.3", "19", x, 4096, 4096, null));
        b.mark("fc7", x);
    }
}
