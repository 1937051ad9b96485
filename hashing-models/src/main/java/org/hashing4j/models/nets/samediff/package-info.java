/**
 * ImageNet backbones as SameDiff graphs (AlexNet, VGG16, ResNet18, ResNet50), NHWC inside so that
 * convolutions run on oneDNN with the {@code -onednn} native build, with their weights mapped in from
 * torchvision {@code state_dict}s exported as {@code .npz} or from the DL4J zoo's pretrained zips.
 * A built {@link org.hashing4j.models.nets.samediff.BackboneGraph} exposes its feature layer as an
 * {@code SDVariable} for a hashing head and extracts features for [0,1] image batches;
 * {@link org.hashing4j.models.nets.samediff.GraphImageBackbone} puts one inside a deep method's graph
 * ({@code backbone: resnet18}, ...), so every deep method fine-tunes it through the one deep trainer.
 */
package org.hashing4j.models.nets.samediff;
