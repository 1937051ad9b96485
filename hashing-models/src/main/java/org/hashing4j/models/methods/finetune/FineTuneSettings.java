package org.hashing4j.models.methods.finetune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.features.FeaturePooling;

/**
 * How to fine-tune: which backbone layer the head sits on, the code length, whether the backbone is
 * frozen or trained with its own (lower) learning rate, the head's learning rate, epochs and seed.
 * Immutable; the {@code with…} methods return changed copies.
 */
public final class FineTuneSettings {
    private final String layer;
    private final int bits;
    private final boolean freezeBackbone;
    private final double learningRate;
    private final double backboneLearningRate;
    private final int epochs;
    private final FeaturePooling pooling;
    private final long seed;
    private final Map<String, Object> headParams;

    private FineTuneSettings(String layer, int bits, boolean freezeBackbone, double learningRate,
            double backboneLearningRate, int epochs, FeaturePooling pooling, long seed, Map<String, Object> headParams) {
        if (bits < 1) {
            throw new HashingException("bits must be >= 1, got " + bits);
        }
        if (!(learningRate > 0) || !(backboneLearningRate > 0)) {
            throw new HashingException("learning rates must be positive (head " + learningRate + ", backbone "
                    + backboneLearningRate + "); freeze the backbone to keep it unchanged");
        }
        if (epochs < 1) {
            throw new HashingException("epochs must be >= 1, got " + epochs);
        }
        this.layer = layer;
        this.bits = bits;
        this.freezeBackbone = freezeBackbone;
        this.learningRate = learningRate;
        this.backboneLearningRate = backboneLearningRate;
        this.epochs = epochs;
        this.pooling = pooling;
        this.seed = seed;
        this.headParams = Map.copyOf(headParams);
    }

    /**
     * Defaults: the backbone's default feature layer, backbone frozen, Adam with learning rate 1e-3 for
     * the head and 1e-4 for the backbone when it is trained, 1 epoch, average pooling of conv features.
     */
    public static FineTuneSettings of(int bits, long seed) {
        return new FineTuneSettings(null, bits, true, 1e-3, 1e-4, 1, FeaturePooling.AVG, seed, Map.of());
    }

    /** Feature layer name (null: the backbone's default). */
    public String layer() {
        return layer;
    }

    public int bits() {
        return bits;
    }

    public boolean freezeBackbone() {
        return freezeBackbone;
    }

    /** Head learning rate (Adam). */
    public double learningRate() {
        return learningRate;
    }

    /** Backbone learning rate (Adam) when it is not frozen. */
    public double backboneLearningRate() {
        return backboneLearningRate;
    }

    public int epochs() {
        return epochs;
    }

    /** How a convolutional feature layer's activations become the head's input vector. */
    public FeaturePooling pooling() {
        return pooling;
    }

    public long seed() {
        return seed;
    }

    public Map<String, Object> headParams() {
        return headParams;
    }

    public FineTuneSettings withLayer(String l) {
        return new FineTuneSettings(l, bits, freezeBackbone, learningRate, backboneLearningRate, epochs, pooling, seed, headParams);
    }

    public FineTuneSettings withFreezeBackbone(boolean f) {
        return new FineTuneSettings(layer, bits, f, learningRate, backboneLearningRate, epochs, pooling, seed, headParams);
    }

    public FineTuneSettings withLearningRates(double head, double backbone) {
        return new FineTuneSettings(layer, bits, freezeBackbone, head, backbone, epochs, pooling, seed, headParams);
    }

    public FineTuneSettings withEpochs(int e) {
        return new FineTuneSettings(layer, bits, freezeBackbone, learningRate, backboneLearningRate, e, pooling, seed, headParams);
    }

    public FineTuneSettings withPooling(FeaturePooling p) {
        return new FineTuneSettings(layer, bits, freezeBackbone, learningRate, backboneLearningRate, epochs, p, seed, headParams);
    }

    public FineTuneSettings withHeadParams(Map<String, Object> p) {
        return new FineTuneSettings(layer, bits, freezeBackbone, learningRate, backboneLearningRate, epochs, pooling, seed, p);
    }

    /** As plain data for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", layer);
        m.put("bits", bits);
        m.put("freeze_backbone", freezeBackbone);
        m.put("learning_rate", learningRate);
        m.put("backbone_learning_rate", backboneLearningRate);
        m.put("epochs", epochs);
        m.put("pooling", pooling.label());
        m.put("seed", seed);
        m.put("head_params", headParams);
        return m;
    }
}
