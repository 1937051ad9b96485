/**
 * The DL4J zoo backbones (VGG16, ResNet50, SqueezeNet, AlexNet) and their pretrained weights: the
 * cached file, its checksum, and the offline error that names the file to place. Imports
 * {@code nets}; imported by methods and commands that build a backbone.
 */
package org.hashing4j.models.nets.zoo;
