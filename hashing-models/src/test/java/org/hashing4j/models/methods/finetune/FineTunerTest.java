package org.hashing4j.models.methods.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.models.training.Checkpoint;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.ImageBatchIterator;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.BackboneFiles;
import org.hashing4j.models.nets.TinyImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

class FineTunerTest {
    @TempDir
    Path tmp;

    private NetworkBackbone backbone(Path zip) throws Exception {
        return BackboneFiles.load(TinyImages.save(TinyImages.graph(11), zip), null);
    }

    @Test
    void fineTuningLowersTheLossAndSavedModelsGiveIdenticalCodes() throws Exception {
        FeatureSet train = TinyImages.images(12, 5);
        NetworkBackbone b = backbone(tmp.resolve("cnn.zip"));
        INDArray before = b.network().params().dup();
        FineTuneSettings s = FineTuneSettings.of(8, 3).withFreezeBackbone(false).withLearningRates(3e-2, 3e-3)
                .withEpochs(8);
        FineTuner tuner = new FineTuner(b, new DlbhcHead(), s);
        // The loss on the whole training set, before (the same seed builds the same initial network) and after.
        DataSet all = TinyImages.batches(train, 12, false, 0).next();
        ComputationGraph initial = tuner.build(3, false, all.getFeatures().get(NDArrayIndex.interval(0, 1))).network();
        double lossBefore = initial.score(all, false);
        ImageBatchIterator it = TinyImages.batches(train, 6, true, 3);
        FineTunedModel m = tuner.fit(it, 3, false, train.imageShape(), TrainingContext.quiet());
        assertEquals(8 * 2, m.trainingLosses().size());
        double lossAfter = m.network().score(all, false);
        assertTrue(lossAfter < 0.75 * lossBefore, "loss " + lossBefore + " -> " + lossAfter);
        // The backbone the user passed in is unchanged.
        assertEquals(before, b.network().params());

        BinaryCodes codes = m.encode(train.features());
        assertEquals(12, codes.size());
        assertEquals(8, codes.bits());
        Path file = tmp.resolve("model.zip");
        ModelFiles.save(file, m, Map.of());
        TrainedModel loaded = ModelFiles.load(file);
        assertEquals("finetune", loaded.method());
        assertEquals(codes, loaded.encode(train.features()));
        assertEquals(3 * 12 * 12, loaded.inputDimension());
        assertEquals("dlbhc", loaded.modelProvenance().details().get("head"));
    }

    @Test
    void aFrozenBackboneStaysFixedAndTheHeadHasItsOwnLearningRate() throws Exception {
        FeatureSet train = TinyImages.images(12, 6);
        NetworkBackbone b = backbone(tmp.resolve("cnn.zip"));
        FineTuneSettings frozen = FineTuneSettings.of(6, 1).withLearningRates(5e-3, 1e-4).withEpochs(2);
        FineTunedModel m = new FineTuner(b, new DlbhcHead(), frozen)
                .fit(TinyImages.batches(train, 4, true, 1), 3, false, train.imageShape(), TrainingContext.quiet());
        ComputationGraph g = m.network();
        // Layers up to the feature layer are frozen copies with the backbone's values; the old classifier is gone.
        assertTrue(g.getLayer("fc") instanceof FrozenLayer);
        assertTrue(g.getLayer("conv") instanceof FrozenLayer);
        assertEquals(b.network().getLayer("conv").params(), g.getLayer("conv").params());
        assertEquals(b.network().getLayer("fc").params(), g.getLayer("fc").params());
        assertFalse(g.getConfiguration().getVertices().containsKey("out"));
        assertEquals(List.of(DlbhcHead.CLASSIFIER), g.getConfiguration().getNetworkOutputs());
        assertEquals(5e-3, ((Adam) ((BaseLayer) g.getLayer(DlbhcHead.CODE).conf().getLayer()).getIUpdater())
                .getLearningRate(), 0);

        // Unfrozen: the backbone layers train with the lower rate.
        FineTuner open = new FineTuner(b, new DlbhcHead(), frozen.withFreezeBackbone(false));
        ComputationGraph g2 = open.build(3, false, org.nd4j.linalg.factory.Nd4j.zeros(1, 3, 12, 12)).network();
        assertEquals(1e-4, ((Adam) ((BaseLayer) g2.getLayer("conv").conf().getLayer()).getIUpdater()).getLearningRate(), 0);
        assertEquals(5e-3, ((Adam) ((BaseLayer) g2.getLayer(DlbhcHead.CLASSIFIER).conf().getLayer()).getIUpdater())
                .getLearningRate(), 0);
    }

    @Test
    void aConvolutionalFeatureLayerIsPooledBeforeTheHead() throws Exception {
        NetworkBackbone b = backbone(tmp.resolve("cnn.zip"));
        FineTuner t = new FineTuner(b, new DlbhcHead(), FineTuneSettings.of(4, 1).withLayer("pool"));
        FineTuner.Built built = t.build(3, false, org.nd4j.linalg.factory.Nd4j.zeros(1, 3, 12, 12));
        assertEquals(6, built.featureWidth());
        assertTrue(built.network().getConfiguration().getVertices().containsKey(FineTuner.POOL_VERTEX));
        assertFalse(built.network().getConfiguration().getVertices().containsKey("fc"));
        HashingException e = assertThrows(HashingException.class,
                () -> new FineTuner(b, new DlbhcHead(), FineTuneSettings.of(4, 1).withLayer("fc7")));
        assertTrue(e.getMessage().contains("its layers are: conv, pool, fc, out"), e.getMessage());
    }

    @Test
    void theFineTuneMethodTrainsFromAFeatureSetAndResumesFromCheckpoints() throws Exception {
        FeatureSet train = TinyImages.images(12, 8);
        Path zip = TinyImages.save(TinyImages.multiLayer(4), tmp.resolve("mln.zip"));
        MethodConfig c = new MethodConfig(8, 2, Map.of("backbone_file", zip.toString(), "epochs", 2, "batch_size", 6,
                "freeze", false, "learning_rate", 0.01));
        Path checkpoints = tmp.resolve("checkpoints");
        TrainedModel m = new FineTuneMethod().fit(train, c, new TrainingContext(TrainingListener.NONE, checkpoints, false));
        assertEquals(8, m.bits());
        assertTrue(Files.exists(checkpoints.resolve(Checkpoint.FILE)));
        assertEquals(2, Checkpoint.read(checkpoints).stepsDone());
        // Asking for 3 epochs with resume continues after epoch 2 (one more epoch of 2 iterations).
        MethodConfig more = c.with("epochs", 3);
        FineTunedModel resumed = (FineTunedModel) new FineTuneMethod().fit(train, more,
                new TrainingContext(TrainingListener.NONE, checkpoints, true));
        assertEquals(6, resumed.trainingLosses().size());
        assertEquals(((FineTunedModel) m).trainingLosses(), resumed.trainingLosses().subList(0, 4));
        HashingException e = assertThrows(HashingException.class, () -> new FineTuneMethod().fit(train,
                c.with("lamda", 1), TrainingContext.quiet()));
        assertTrue(e.getMessage().startsWith("unknown parameter 'lamda' for method finetune"), e.getMessage());
        HashingException other = assertThrows(HashingException.class, () -> new FineTuneMethod().fit(train,
                more.with("learning_rate", 0.02), new TrainingContext(TrainingListener.NONE, checkpoints, true)));
        assertTrue(other.getMessage().contains("another configuration") && other.getMessage().contains("learning_rate"),
                other.getMessage());
    }

    @Test
    void streamedImageFilesFineTuneWithRandomCropsAndEncode() throws Exception {
        FeatureSet images = TinyImages.images(9, 12);
        Path folder = TinyImages.writeFolder(images, tmp.resolve("folder"));
        java.util.List<Path> files = new java.util.ArrayList<>();
        int[] classes = new int[9];
        for (int i = 0; i < 9; i++) {
            classes[i] = images.labels().classOf(i);
            files.add(folder.resolve("class" + classes[i]).resolve(String.format("img%03d.png", i)));
        }
        ImageList list = new ImageList(files, org.hashing4j.core.Labels.singleLabel(classes), "tiny-files");
        ImageSplit split = new ImageSplit(list, list, list, 3, List.of("class0", "class1", "class2"));
        Path zip = TinyImages.save(TinyImages.graph(5), tmp.resolve("cnn.zip"));
        // The tiny CNN does not record its input size: 12x12 (files are resized to 14 and cropped to 12).
        MethodConfig c = new MethodConfig(6, 1, Map.of("backbone_file", zip.toString(), "input_size", 12, "epochs", 2,
                "batch_size", 4));
        FineTunedModel m = new FineTuneMethod().fit(split, c, TrainingContext.quiet());
        assertEquals(6, m.trainingLosses().size());
        assertEquals(List.of(3, 12, 12), java.util.Arrays.stream(m.imageShape()).boxed().toList());
        BinaryCodes codes = m.encode(list, 4);
        assertEquals(9, codes.size());
        assertEquals(codes, m.encode(list, 5));
    }

    /** Mean of a few scores: JMLH's loss samples its codes, so one evaluation is noisy. */
    private static double meanScore(ComputationGraph g, DataSet all) {
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += g.score(all, false);
        }
        return sum / 5;
    }

    @Test
    void theJmlhHeadFineTunesLowersItsLossAndReloadsWithIdenticalCodes() throws Exception {
        FeatureSet train = TinyImages.images(12, 21);
        NetworkBackbone b = backbone(tmp.resolve("cnn.zip"));
        FineTuneSettings s = FineTuneSettings.of(8, 4).withFreezeBackbone(false).withLearningRates(3e-2, 3e-3)
                .withEpochs(12).withHeadParams(Map.of("lambda", 0.1));
        FineTuner tuner = new FineTuner(b, HashingHeads.get("jmlh"), s);
        DataSet all = TinyImages.batches(train, 12, false, 0).next();
        ComputationGraph initial = tuner.build(3, false, all.getFeatures().get(NDArrayIndex.interval(0, 1))).network();
        assertEquals(List.of(JmlhHead.LOSS), initial.getConfiguration().getNetworkOutputs());
        double lossBefore = meanScore(initial, all);
        FineTunedModel m = tuner.fit(TinyImages.batches(train, 6, true, 4), 3, false, train.imageShape(),
                TrainingContext.quiet());
        double lossAfter = meanScore(m.network(), all);
        assertTrue(lossAfter < 0.8 * lossBefore, "loss " + lossBefore + " -> " + lossAfter);
        assertEquals("jmlh", m.modelProvenance().details().get("head"));

        BinaryCodes codes = m.encode(train.features());
        assertEquals(codes, m.encode(train.features()), "codes are deterministic");
        Path file = tmp.resolve("jmlh.zip");
        ModelFiles.save(file, m, Map.of());
        assertEquals(codes, ModelFiles.load(file).encode(train.features()));
        HashingException e = assertThrows(HashingException.class, () -> new FineTuner(b, HashingHeads.get("jmlh"),
                s.withHeadParams(Map.of("lambda", -1))).build(3, false, all.getFeatures().get(NDArrayIndex.interval(0, 1))));
        assertEquals("parameter 'lambda' must be >= 0, got -1.0", e.getMessage());
    }

    @Test
    void theShBdnnHeadTrainsItsObjectiveWithCodeTargetsAndReloads() throws Exception {
        FeatureSet train = TinyImages.images(12, 31);
        NetworkBackbone b = backbone(tmp.resolve("cnn.zip"));
        // Heavier pairwise and equality weights than the defaults, so that a few steps move the loss clearly.
        FineTuneSettings s = FineTuneSettings.of(8, 5).withFreezeBackbone(false).withLearningRates(3e-2, 3e-3)
                .withEpochs(8).withHeadParams(Map.of("lambda5", 1.0, "lambda2", 0.1));
        FineTuner tuner = new FineTuner(b, HashingHeads.get("sh-bdnn"), s);
        DataSet all = TinyImages.batches(train, 12, false, 0).next();
        FineTuner.Built initial = tuner.build(3, false, all.getFeatures().get(NDArrayIndex.interval(0, 1)));
        assertEquals(List.of(ShBdnnHead.PAIRWISE, ShBdnnHead.EQUALITY, ShBdnnHead.INDEPENDENCE, ShBdnnHead.BALANCE),
                initial.network().getConfiguration().getNetworkOutputs());
        assertEquals(java.util.Set.of(ShBdnnHead.EQUALITY), initial.attachment().codeTargetOutputs());
        FineTunedModel m = tuner.fit(TinyImages.batches(train, 6, true, 5), 3, false, train.imageShape(),
                TrainingContext.quiet());
        // The objective on the training batches (2 per epoch), first epoch against last.
        List<Double> l = m.trainingLosses();
        double first = (l.get(0) + l.get(1)) / 2;
        double last = (l.get(l.size() - 2) + l.get(l.size() - 1)) / 2;
        assertTrue(last < 0.75 * first, "loss " + first + " -> " + last);
        BinaryCodes codes = m.encode(train.features());
        Path file = tmp.resolve("shbdnn.zip");
        ModelFiles.save(file, m, Map.of());
        assertEquals(codes, ModelFiles.load(file).encode(train.features()));
    }
}
