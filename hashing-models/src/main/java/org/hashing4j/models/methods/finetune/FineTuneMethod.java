package org.hashing4j.models.methods.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageBatchIterator;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.image.ImageSource;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.DeclaredMethod;
import org.hashing4j.models.ImageStreamMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodParameter;
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
public final class FineTuneMethod extends DeclaredMethod implements ImageStreamMethod {
    private static final MethodParameter<String> BACKBONE = MethodParameter.verbatim("backbone", "vgg16", "vgg16",
            "vgg16, resnet50, squeezenet or alexnet");
    private static final MethodParameter<String> BACKBONE_FILE = MethodParameter.verbatim("backbone_file", null, "none",
            "a DL4J zip or Keras .h5 instead");
    private static final MethodParameter<Boolean> PRETRAINED = MethodParameter.flag("pretrained", true,
            "start from ImageNet weights");
    private static final MethodParameter<String> NORMALIZATION = MethodParameter.verbatim("normalization", null,
            "the backbone's", "caffe, imagenet or none");
    /** 0: the backbone's own input size. */
    private static final MethodParameter<Integer> INPUT_SIZE = MethodParameter.integer("input_size", 0,
            "side of the square network input").shownAs("the backbone’s");
    private static final MethodParameter<String> LAYER = MethodParameter.verbatim("layer", null, "classifier input",
            "feature layer");
    private static final MethodParameter<String> HEAD = MethodParameter.verbatim("head", "jmlh", "jmlh",
            "jmlh, sh-bdnn or dlbhc");
    private static final MethodParameter<Boolean> FREEZE = MethodParameter.flag("freeze", true, "keep the backbone fixed");
    private static final MethodParameter<Double> LEARNING_RATE = MethodParameter.real("learning_rate", "1e-3",
            "head learning rate");
    private static final MethodParameter<Double> BACKBONE_LEARNING_RATE = MethodParameter.real("backbone_learning_rate",
            "1e-4", "backbone learning rate");
    private static final MethodParameter<Integer> EPOCHS = MethodParameter.integer("epochs", 10,
            "passes over the training images");
    private static final MethodParameter<Integer> BATCH_SIZE = MethodParameter.integer("batch_size", 32,
            "images per batch");
    private static final MethodParameter<String> POOLING = MethodParameter.verbatim("pooling", "avg", "avg",
            "avg, max or flatten");
    private static final MethodParameter<Boolean> FLIP = MethodParameter.flag("flip", true, "random horizontal flips");
    private static final Declaration DECLARATION = new Declaration(FineTunedModel.METHOD, "Fine-tuned", true,
            "Backbone fine-tuning with a hashing head (JMLH, SH-BDNN or DLBHC: Lin et al., \"Deep learning of binary hash"
                    + " codes\", CVPR 2015 workshops)",
            List.of(BACKBONE, BACKBONE_FILE, PRETRAINED, NORMALIZATION, INPUT_SIZE, LAYER, HEAD, FREEZE, LEARNING_RATE,
                    BACKBONE_LEARNING_RATE, EPOCHS, BATCH_SIZE, POOLING, FLIP));

    public FineTuneMethod() {
        super(DECLARATION);
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        HashingHead head = HashingHeads.get(HEAD.read(config));
        FineTuneSettings s = settings(config, head);
        Labels labels = data.requireLabels(name());
        if (data.imageShape() == null) {
            throw new HashingException("finetune needs images; training set " + data.name() + " has no image shape");
        }
        NetworkBackbone backbone = backbone(config, context);
        // Images stay at their own size here; the backbone resizes each batch on the device.
        ImageBatchIterator it = new ImageBatchIterator(ImageSource.of(data),
                ImagePipelineConfig.asIs(data.imageShape()[0]).withAugmentation(false, FLIP.read(config)),
                BATCH_SIZE.read(config), true, config.seed(), labels.numClasses(), null);
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
        HashingHead head = HashingHeads.get(HEAD.read(config));
        FineTuneSettings s = settings(config, head);
        NetworkBackbone backbone = backbone(config, context);
        ImagePipelineConfig pipeline = DatasetFeatures.pipelineFor(backbone, FLIP.read(config));
        ImageBatchIterator it = new ImageBatchIterator(images.train(), pipeline, BATCH_SIZE.read(config), true,
                config.seed(), images.numClasses(), images.classNames());
        Labels labels = images.train().labels();
        if (labels == null) {
            throw new HashingException(name() + " is supervised but " + images.train().name() + " has no labels");
        }
        return new FineTuner(backbone, head, s).fit(it.background(2), images.numClasses(), labels.isMultiLabel(),
                it.imageShape(), context);
    }

    /** Reads and checks the head and every setting without training. */
    @Override
    public void check(MethodConfig config) {
        settings(config, HashingHeads.get(HEAD.read(config)));
    }

    private FineTuneSettings settings(MethodConfig config, HashingHead head) {
        checkKnown(config, head.parameterNames());
        java.util.Map<String, Object> headParams = new java.util.LinkedHashMap<>();
        for (String p : head.parameterNames()) {
            if (config.params().containsKey(p)) {
                headParams.put(p, config.params().get(p));
            }
        }
        return FineTuneSettings.of(config.bits(), config.seed())
                .withLayer(LAYER.read(config))
                .withFreezeBackbone(FREEZE.read(config))
                .withLearningRates(LEARNING_RATE.read(config), BACKBONE_LEARNING_RATE.read(config))
                .withEpochs(EPOCHS.read(config))
                .withPooling(FeaturePooling.parse(POOLING.read(config)))
                .withHeadParams(headParams);
    }

    /** The backbone a configuration names (zoo model or file), with its normalisation and input size overrides. */
    public static NetworkBackbone backbone(MethodConfig config, TrainingContext context) {
        String file = BACKBONE_FILE.read(config);
        String norm = NORMALIZATION.read(config);
        NetworkBackbone b;
        if (file != null) {
            Path p = Paths.get(file);
            b = BackboneFiles.load(p, norm == null ? null : InputNormalization.preset(norm));
        } else {
            String name = BACKBONE.read(config);
            if (GraphBackbones.has(name) && context != null) {
                // finetune keeps DL4J's layer API for zoo zips, Keras files and SqueezeNet; the four ImageNet
                // networks train faster as SameDiff graphs under every deep method (README, "Real photographs").
                context.listener().message("note: " + name + " trains faster through the deep methods' SameDiff graph,"
                        + " e.g. --method jmlh -p backbone=" + name + " (finetune uses DL4J's layer API)");
            }
            b = ZooBackbones.load(name, PRETRAINED.read(config), config.seed(), context.listener());
            if (norm != null) {
                b = b.withNormalization(InputNormalization.preset(norm));
            }
        }
        int size = INPUT_SIZE.read(config);
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
