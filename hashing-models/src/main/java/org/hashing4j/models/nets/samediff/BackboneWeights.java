package org.hashing4j.models.nets.samediff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Npy;
import org.hashing4j.core.Npz;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.InputNormalization;
import org.hashing4j.models.nets.zoo.ZooBackbones;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a {@link BackboneGraph}'s weights come from, which decides the layout it is built in and the
 * input normalisation applied inside it:
 * <ul>
 * <li>{@link #random} — seeded He initialisation, torchvision layout, ImageNet mean/std;</li>
 * <li>{@link #torchvision} — a torchvision {@code state_dict} exported as {@code .npz}, ImageNet
 * mean/std (RGB in [0,1]). Export it with
 * {@code import numpy as np, torchvision; m = torchvision.models.resnet50(weights="IMAGENET1K_V1");
 * np.savez("resnet50.npz", **{k: v.numpy() for k, v in m.state_dict().items()})};</li>
 * <li>{@link #dl4jZoo} / {@link #dl4jZooPretrained} — a DL4J zoo zip (VGG16, ResNet50), mapped by
 * the zoo's layer names, in the zoo's layout, Caffe-style input (BGR, 0–255, mean subtracted).</li>
 * </ul>
 */
public final class BackboneWeights {
    /** The source kinds. */
    public enum Kind {
        RANDOM, TORCHVISION, DL4J_ZOO
    }

    private final Kind kind;
    private final long seed;
    private final Path file;
    private final boolean zooPretrained;

    private BackboneWeights(Kind kind, long seed, Path file, boolean zooPretrained) {
        this.kind = kind;
        this.seed = seed;
        this.file = file;
        this.zooPretrained = zooPretrained;
    }

    /** Seeded random initialisation (training from scratch, speed tests). */
    public static BackboneWeights random(long seed) {
        return new BackboneWeights(Kind.RANDOM, seed, null, false);
    }

    /** A torchvision {@code state_dict} saved with {@code np.savez}. */
    public static BackboneWeights torchvision(Path npz) {
        return new BackboneWeights(Kind.TORCHVISION, 0, npz, false);
    }

    /** A DL4J zoo model zip (as the zoo caches its pretrained weights, or as {@code ModelSerializer} writes). */
    public static BackboneWeights dl4jZoo(Path zip) {
        return new BackboneWeights(Kind.DL4J_ZOO, 0, zip, false);
    }

    /**
     * The DL4J zoo's ImageNet weights, through the zoo's download cache; offline, the error names the
     * file to place and its Adler32 checksum ({@link org.hashing4j.models.nets.zoo.PretrainedWeights}).
     */
    public static BackboneWeights dl4jZooPretrained() {
        return new BackboneWeights(Kind.DL4J_ZOO, 0, null, true);
    }

    public Kind kind() {
        return kind;
    }

    /** The file, or null (random, or the zoo's cache). */
    public Path file() {
        return file;
    }

    /** The layout the graph must have for these weights. */
    public GraphBackbone.Variant variant() {
        return kind == Kind.DL4J_ZOO ? GraphBackbone.Variant.DL4J_ZOO : GraphBackbone.Variant.TORCHVISION;
    }

    /** The input normalisation these weights were trained with. */
    public InputNormalization normalization() {
        return kind == Kind.DL4J_ZOO ? InputNormalization.CAFFE : InputNormalization.IMAGENET;
    }

    /** Seed for the initialisation (random weights) and anything else drawn at build time. */
    long seed() {
        return seed;
    }

    /** Stable identity for caches and provenance. */
    public String id() {
        switch (kind) {
            case RANDOM:
                return "random(seed=" + seed + ")";
            case TORCHVISION:
                return "torchvision:" + file.toAbsolutePath();
            default:
                return zooPretrained ? "dl4j-zoo:imagenet" : "dl4j-zoo:" + file.toAbsolutePath();
        }
    }

    /** As plain data for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        if (kind == Kind.RANDOM) {
            m.put("seed", seed);
        }
        if (file != null) {
            m.put("file", file.toAbsolutePath().toString());
        }
        m.put("normalization", normalization().toMap());
        return m;
    }

    /**
     * The tensors by their name in the source (torchvision keys; zoo {@code <layer>_<param>}), as
     * float arrays in the source's own layout. Not called for random weights.
     */
    Map<String, INDArray> read(GraphBackbone net, TrainingListener listener) {
        switch (kind) {
            case TORCHVISION:
                return readNpz(net);
            case DL4J_ZOO:
                return readZoo(net, listener);
            default:
                throw new IllegalStateException("random weights have no file");
        }
    }

    private Map<String, INDArray> readNpz(GraphBackbone net) {
        if (!Files.isRegularFile(file)) {
            throw new HashingException("torchvision " + net.displayName() + " weights not found at " + file
                    + "; export them where PyTorch can download " + net.torchvisionFile() + " (its name carries the"
                    + " first digits of its SHA-256): python3 -c \"import numpy as np, torchvision; m = torchvision.models."
                    + net.name() + "(weights='IMAGENET1K_V1'); np.savez('" + file.getFileName()
                    + "', **{k: v.numpy() for k, v in m.state_dict().items()})\" and place the file there");
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Npy.Array> e : Npz.read(file).entrySet()) {
            Npy.Array a = e.getValue();
            if (a.dtype().isFloating()) {
                out.put(e.getKey(), Nd4j.create(a.toFloatArray(), a.shape(), 'c'));
            }
        }
        return out;
    }

    private Map<String, INDArray> readZoo(GraphBackbone net, TrainingListener listener) {
        Model model;
        if (zooPretrained) {
            model = ZooBackbones.weights(net.name()).load(listener == null ? TrainingListener.NONE : listener);
        } else {
            if (!Files.isRegularFile(file)) {
                throw new HashingException(file + ": no such DL4J zoo weights file");
            }
            try {
                model = ModelSerializer.restoreComputationGraph(file.toFile(), false);
            } catch (java.io.IOException | RuntimeException e) {
                throw new HashingException(file + ": cannot restore the DL4J model (" + e.getMessage() + ")", e);
            }
        }
        Map<String, INDArray> table = model instanceof ComputationGraph ? ((ComputationGraph) model).paramTable()
                : ((MultiLayerNetwork) model).paramTable();
        Map<String, INDArray> out = new LinkedHashMap<>();
        table.forEach((k, v) -> out.put(k, v.castTo(DataType.FLOAT)));
        return out;
    }

    @Override
    public String toString() {
        return id();
    }
}
