package org.hashing4j.models.nets.samediff;

/**
 * ResNet50: bottleneck blocks (1×1, 3×3, 1×1 ×4) in stages of 3, 4, 6, 3; avgpool gives 2048
 * features. Two layouts: torchvision's (v1.5: the 3×3 convolution strides, no conv biases) and the
 * DL4J zoo's, which its pretrained zip needs (the first 1×1 convolution strides, stage 2 included,
 * conv biases, an unpadded stem pool and a 3×3/2 max pool as "avgpool"). Batch norm is
 * inference-mode with frozen running statistics ({@link ResNetGraph}).
 */
public final class ResNet50Graph extends ResNetGraph {
    public static final String NAME = "resnet50";

    public ResNet50Graph() {
        super(new int[] {3, 4, 6, 3}, true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "ResNet50";
    }

    @Override
    public boolean supports(Variant variant) {
        return true;
    }

    @Override
    public String torchvisionFile() {
        return "resnet50-0676ba61.pth";
    }
}
