package org.hashing4j.models.nets.samediff;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * torchvision's AlexNet (the one-GPU variant of "One weird trick", no local response normalisation):
 * conv 11×11/4 (64) – pool – conv 5×5 (192) – pool – conv 3×3 (384, 256, 256) – pool – fc6 4096 –
 * fc7 4096, ReLU after every conv and fc. fc6 and fc7 are taken after their ReLU, as the deep-hashing
 * toolkits take AlexNet's fc7 features. Dropout is left to the head: the graph is deterministic.
 *
 * <p>torchvision pools adaptively to 6×6 before fc6; here fc6 takes the pool5 map as it is, which is
 * the same at 224×224 (6×6); at other sizes fc6 has another input width and torchvision's fc6
 * weights do not fit (cut at pool5 instead).
 */
public final class AlexNetGraph extends GraphBackbone {
    public static final String NAME = "alexnet";
    private static final List<String> LAYERS = List.of("conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5",
            "pool5", "fc6", "fc7");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "AlexNet";
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
    public String torchvisionFile() {
        return "alexnet-owt-7be5be79.pth";
    }

    @Override
    void build(GraphBuilder b, SDVariable x, int height, int width, Variant variant) {
        int h = outSize(height, 11, 4, 2);
        int w = outSize(width, 11, 4, 2);
        x = b.relu(b.conv("conv1", "features.0", null, x, 11, 4, 2, 3, 64, true));
        if (b.mark("conv1", x)) {
            return;
        }
        x = b.maxPool(x, 3, 2, 0);
        h = outSize(h, 3, 2, 0);
        w = outSize(w, 3, 2, 0);
        if (b.mark("pool1", x)) {
            return;
        }
        x = b.relu(b.conv("conv2", "features.3", null, x, 5, 1, 2, 64, 192, true));
        if (b.mark("conv2", x)) {
            return;
        }
        x = b.maxPool(x, 3, 2, 0);
        h = outSize(h, 3, 2, 0);
        w = outSize(w, 3, 2, 0);
        if (b.mark("pool2", x)) {
            return;
        }
        x = b.relu(b.conv("conv3", "features.6", null, x, 3, 1, 1, 192, 384, true));
        if (b.mark("conv3", x)) {
            return;
        }
        x = b.relu(b.conv("conv4", "features.8", null, x, 3, 1, 1, 384, 256, true));
        if (b.mark("conv4", x)) {
            return;
        }
        x = b.relu(b.conv("conv5", "features.10", null, x, 3, 1, 1, 256, 256, true));
        if (b.mark("conv5", x)) {
            return;
        }
        x = b.maxPool(x, 3, 2, 0);
        h = outSize(h, 3, 2, 0);
        w = outSize(w, 3, 2, 0);
        if (b.mark("pool5", x)) {
            return;
        }
        int flat = h * w * 256;
        x = b.relu(b.dense("fc6", "classifier.1", null, x.reshape(-1, flat), flat, 4096, new int[] {h, w, 256}));
        if (b.mark("fc6", x)) {
            return;
        }
        x = b.relu(b.dense("fc7", "classifier.4", null, x, 4096, 4096, null));
        b.mark("fc7", x);
    }
}
