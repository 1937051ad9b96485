package org.hashing4j.models.methods.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageBatchIterator;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.image.ImageSource;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.ImageStreamMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.BackboneFiles;
import org.hashing4j.models.nets.InputNormalization;
import org.hashing4j.models.nets.features.DatasetFeatures;
import org.hashing4j.models.nets.features.FeaturePooling;
import org.hashing4j.models.nets.samediff.GraphBackbones;
import org.hashing4j.models.nets.zoo.ZooBackbones;

/**
 * Fine-tuning as a {@link HashingMethod} ("finetune"): fits a backbone plus hashing head on a
 * training set of images (rows of {c,h,w} pixels in [0,1] with labels), so that experiment runners
 * can treat it like any other method; and loads the models it saves.
 *
 * <p>Parameters (all optional): {@code backbone} (vgg16, resnet50, squeezenet, alexnet; default
 * vgg16), {@code backbone_file} (a DL4J zip or Keras .h5 instead), {@code pretrained} (true),
 * {@code normalization} (caffe, imagenet, none; default: what the backbone's weights expect),
 * {@code input_size} (side of the square network input, for backbones without a fixed one),
 * {@code layer} (feature layer; default the classifier's input), {@code head} (jmlh, sh-bdnn or
 * dlbhc; default jmlh),
 * {@code freeze} (true), {@code learning_rate} (1e-3, head), {@code backbone_learning_rate} (1e-4),
 * {@code epochs} (10), {@code batch_size} (32), {@code pooling} (avg, max, flatten), {@code flip}
 * (true: random horizontal flips), plus the head's own parameters.
 */
public final class FineTuneMethod implements ImageStreamMethod {
    private static final Set<String> KNOWN = Set.of("backbone", "backbone_file", "pretrained", "normalization",
            "input_size", "layer", "head", "freeze", "learning_rate", "backbone_learning_rate", "epochs", "batch_size",
            "pooling", "flip");

    @Override
    public String name() {
        return FineTunedModel.METHOD;
    }

    @Override public org.hashing4j.models.MethodInfo info() { return org.hashing4j.models.MethodInfo.of("Backbone fine-tuning with a hashing head (JMLH, SH-BDNN or DLBHC: Lin et al., \"Deep learning of binary hash codes\", CVPR 2015 workshops)", "backbone=vgg16: vgg16, resnet50, squeezenet or alexnet", "backbone_file=none: a DL4J zip or Keras .h5 instead", "pretrained=true: start from ImageNet weights", "normalization=the backbone's: caffe, imagenet or none", "input_size=the backbone’s: side of the square network input", "layer=classifier input: feature layer", "head=jmlh: jmlh, sh-bdnn or dlbhc", "freeze=true: keep the backbone fixed", "learning_rate=1e-3: head learning rate", "backbone_learning_rate=1e-4: backbone learning rate", "epochs=10: passes over the training images", "batch_size=32: images per batch", "pooling=avg: avg, max or flatten", "flip=true: random horizontal flips"); }
    @Override
    public String displayName() {
        return "Fine-tuned";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        HashingHead head = HashingHeads.get(config.getString("head", "jmlh"));
        FineTuneSettings s = settings(config, head);
        Labels labels = data.requireLabels(name());
        if (data.imageShape() == null) {
            throw new HashingException("finetune needs images; training set " + data.name() + " has no image shape");
        }
        NetworkBackbone backbone = backbone(config, context);
        // Images stay at their own size here; the backbone resizes each batch on the device.
        ImageBatchIterator it = new ImageBatchIterator(ImageSource.of(data),
                ImagePipelineConfig.asIs(data.imageShape()[0]).withAugmentation(false, config.getBoolean("flip", true)),
                config.getInt("batch_size", 32), true, config.seed(), labels.numClasses(), null);
        FineTuner tuner = new FineTuner(backbone, head, s);
        return tuner.fit(it, labels.numClasses(), labels.isMultiLabel(), data.imageShape(), context);
    }

    /**
     * Fine-tunes on image files streamed through the data module's pipeline (datasets too large to
     * hold as pixels, e.g. NUS-WIDE list files): random crops and flips of the backbone's input size
     * while training, decoded on a background thread. Same parameters as {@link #fit}.
     */
    @Override
    public FineTunedModel fit(ImageSplit images, MethodConfig config, TrainingContext context) {
        HashingHead head = HashingHeads.get(config.getString("head", "jmlh"));
        FineTuneSettings s = settings(config, head);
        NetworkBackbone backbone = backbone(config, context);
        ImagePipelineConfig pipeline = DatasetFeatures.pipelineFor(backbone, config.getBoolean("flip", true));
        ImageBatchIterator it = new ImageBatchIterator(images.train(), pipeline, config.getInt("batch_size", 32), true,
                config.seed(), images.numClasses(), images.classNames());
        Labels labels = images.train().labels();
        if (labels == null) {
            throw new HashingException(name() + " is supervised but " + images.train().name() + " has no labels");
        }
        return new FineTuner(backbone, head, s).fit(it.background(2), images.numClasses(), labels.isMultiLabel(),
                it.imageShape(), context);
    }

    private FineTuneSettings settings(MethodConfig config, HashingHead head) {
        Set<String> known = new HashSet<>(KNOWN);
        known.addAll(head.parameterNames());
        config.checkKnown(name(), known);
        java.util.Map<String, Object> headParams = new java.util.LinkedHashMap<>();
        for (String p : head.parameterNames()) {
            if (config.params().containsKey(p)) {
                headParams.put(p, config.params().get(p));
            }
        }
        return FineTuneSettings.of(config.bits(), config.seed())
                .withLayer(config.getString("layer", null))
                .withFreezeBackbone(config.getBoolean("freeze", true))
                .withLearningRates(config.getDouble("learning_rate", 1e-3),
                        config.getDouble("backbone_learning_rate", 1e-4))
                .withEpochs(config.getInt("epochs", 10))
                .withPooling(FeaturePooling.parse(config.getString("pooling", "avg")))
                .withHeadParams(headParams);
    }

    /** The backbone a configuration names (zoo model or file), with its normalisation and input size overrides. */
    public static NetworkBackbone backbone(MethodConfig config, TrainingContext context) {
        String file = config.getString("backbone_file", null);
        String norm = config.getString("normalization", null);
        NetworkBackbone b;
        if (file != null) {
            Path p = Paths.get(file);
            b = BackboneFiles.load(p, norm == null ? null : InputNormalization.preset(norm));
        } else {
            String name = config.getString("backbone", "vgg16");
            if (GraphBackbones.has(name) && context != null) {
                // finetune keeps DL4J's layer API for zoo zips, Keras files and SqueezeNet; the four ImageNet
                // networks train faster as SameDiff graphs under every deep method (README, "Real photographs").
                context.listener().message("note: " + name + " trains faster through the deep methods' SameDiff graph,"
                        + " e.g. --method jmlh -p backbone=" + name + " (finetune uses DL4J's layer API)");
            }
            b = ZooBackbones.load(name, config.getBoolean("pretrained", true), config.seed(), context.listener());
            if (norm != null) {
                b = b.withNormalization(InputNormalization.preset(norm));
            }
        }
        int size = config.getInt("input_size", 0);
        if (size > 0) {
            int channels = b.inputShape() == null ? 3 : b.inputShape()[0];
            b = b.withInputShape(new int[] {channels, size, size});
        }
        return b;
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) throws IOException {
        return FineTunedModel.read(archive);
    }
}
