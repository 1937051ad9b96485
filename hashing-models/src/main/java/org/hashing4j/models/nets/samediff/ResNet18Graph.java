package org.hashing4j.models.nets.samediff;

/**
 * torchvision's ResNet18: basic blocks (two 3×3 convolutions) in stages of 2, 2, 2, 2; avgpool gives
 * 512 features. Batch norm is inference-mode with frozen running statistics ({@link ResNetGraph}).
 */
public final class ResNet18Graph extends ResNetGraph {
    public static final String NAME = "resnet18";

    public ResNet18Graph() {
        super(new int[] {2, 2, 2, 2}, false);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "ResNet18";
    }

    @Override
    public String torchvisionFile() {
        return "resnet18-f37072fd.pth";
    }
}
