package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.ImageEncoder;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.encode.CollectionEncoder;
import org.hashing4j.models.encode.ImageInputs;
import org.hashing4j.models.methods.greedyhash.GreedyHashMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ImageNet graph backbones as a backbone choice of the one deep trainer: GreedyHash on a
 * ResNet18 cut at {@code layer1} (a few convolutions, so the suite stays fast), on tiny generated
 * PNG files streamed from disk and on in-memory grey images resized inside the graph.
 */
class GraphBackboneTrainingTest {
    @TempDir
    static Path dir;
    private static ImageList images;

    @BeforeAll
    static void writeImages() throws Exception {
        images = writePngs(dir);
    }

    /**
     * Writes 12 RGB 32×32 PNGs of two classes into {@code folder} (reddish with a bright left half,
     * bluish with a bright right half, seeded noise) and returns them as a labelled list; the same
     * folder gives the same list ({@link #readPngs}).
     */
    static ImageList writePngs(Path folder) throws Exception {
        Random r = new Random(5);
        for (int i = 0; i < 12; i++) {
            int c = i % 2;
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    boolean bright = c == 0 ? x < 16 : x >= 16;
                    int base = bright ? 200 : 40;
                    int red = clamp(base + (c == 0 ? 50 : -30) + r.nextInt(30));
                    int green = clamp(base + r.nextInt(30));
                    int blue = clamp(base + (c == 1 ? 50 : -30) + r.nextInt(30));
                    img.setRGB(x, y, (red << 16) | (green << 8) | blue);
                }
            }
            ImageIO.write(img, "png", folder.resolve("img" + i + ".png").toFile());
        }
        return readPngs(folder);
    }

    /** The list {@link #writePngs} wrote into {@code folder}. */
    static ImageList readPngs(Path folder) {
        List<Path> files = new ArrayList<>();
        int[] classes = new int[12];
        for (int i = 0; i < 12; i++) {
            files.add(folder.resolve("img" + i + ".png"));
            classes[i] = i % 2;
        }
        return new ImageList(files, Labels.singleLabel(classes), "tiny/train");
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static MethodConfig config(int epochs, Object... extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backbone", "resnet18");
        p.put("layer", "layer1");
        p.put("input_size", 32);
        p.put("epochs", epochs);
        p.put("batch_size", 4);
        p.put("optimizer", "adam");
        p.put("learning_rate", 1e-3);
        p.put("lr_schedule", "constant");
        p.put("weight_decay", 0);
        p.put("decode_threads", 2);
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return new MethodConfig(16, 7, p);
    }

    private static DeepModel fit(MethodConfig c, TrainingContext ctx) {
        return (DeepModel) new GreedyHashMethod(true).fit(new ImageSplit(images, images, images, 2, List.of()), c, ctx);
    }

    @Test
    void streamedTrainingLearnsResumesBitIdenticallyAndWritesHistory() throws Exception {
        Path straightDir = dir.resolve("straight");
        Path history = dir.resolve("history");
        DeepModel straight = fit(config(4), new TrainingContext(null, straightDir, false).withHistoryDir(history));
        List<Map<String, Object>> h = HistoryFiles.read(history);
        assertEquals(4, h.size());
        double first = ((Number) h.get(0).get("loss")).doubleValue();
        double last = ((Number) h.get(3).get("loss")).doubleValue();
        assertTrue(last < first, "loss falls: " + first + " -> " + last);
        assertTrue(((Number) h.get(0).get("images_per_s")).doubleValue() > 0);

        // Interrupted when epoch 3 starts (epoch 2's checkpoint is written), then resumed.
        Path b = dir.resolve("interrupted");
        TrainingListener stop = new TrainingListener() {
            @Override
            public void phaseStarted(String phase, long total) {
                if (phase.startsWith("epoch 3")) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> fit(config(4), new TrainingContext(stop, b, false)));
        assertEquals(2, Checkpoint.read(b).stepsDone());
        DeepModel resumed = fit(config(4), new TrainingContext(null, b, true));
        Map<String, INDArray> x = straight.network().parameters();
        Map<String, INDArray> y = resumed.network().parameters();
        assertFalse(x.isEmpty());
        for (String name : x.keySet()) {
            assertEquals(x.get(name), y.get(name), name);
        }
        assertTrue(x.keySet().stream().anyMatch(resumed.network()::isBackboneParameter), "the backbone trained too");

        // The model encodes files as CollectionEncoder does, and again after a save and load.
        BinaryCodes direct = straight.encode(images, 5);
        BinaryCodes collection = CollectionEncoder.encode(straight, images, new CollectionEncoder.Options(3, 1, 1, false),
                null).codes();
        assertArrayEquals(direct.toWords(), collection.toWords());
        float[][] rows = ImageInputs.read(straight, images.files());
        assertArrayEquals(direct.toWords(), straight.encode(rows).toWords());
        Path file = dir.resolve("model.zip");
        ModelFiles.save(file, straight, Map.of());
        ImageEncoder loaded = (ImageEncoder) ModelFiles.load(file);
        assertArrayEquals(direct.toWords(), loaded.encode(images, 4).toWords());
        assertEquals("shorter-side-centre-crop", ImageInputs.spec(loaded).resize());
        assertArrayEquals(new int[] {3, 32, 32}, ImageInputs.inputShape(loaded));
    }

    @Test
    void jmlhModelsKeepTheirFormatAndEncodeFilesAfterLoading() {
        ImageEncoder jmlh = new org.hashing4j.models.methods.jmlh.JmlhMethod()
                .fit(new ImageSplit(images, images, images, 2, List.of()), config(1), null);
        Path file = dir.resolve("jmlh.zip");
        ModelFiles.save(file, jmlh, Map.of());
        ImageEncoder loaded = (ImageEncoder) ModelFiles.load(file);
        assertEquals(jmlh.getClass(), loaded.getClass());
        assertArrayEquals(jmlh.encode(images, 5).toWords(), loaded.encode(images, 3).toWords());
    }

    @Test
    void aBadImageEndsTrainingWithOneLineNamingTheFile() throws Exception {
        Path junk = dir.resolve("not-an-image.png");
        Files.writeString(junk, "hello");
        List<Path> files = new ArrayList<>(images.files());
        files.set(5, junk);
        ImageList broken = new ImageList(files, images.labels(), "broken");
        HashingException e = assertThrows(HashingException.class, () -> new GreedyHashMethod(true)
                .fit(new ImageSplit(broken, broken, broken, 2, List.of()), config(1), null));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void inMemoryGreyImagesAreResizedInsideTheGraph() {
        Random r = new Random(3);
        float[][] rows = new float[8][28 * 28];
        int[] classes = new int[8];
        for (int i = 0; i < rows.length; i++) {
            classes[i] = i % 2;
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = (j % 28 < 14) == (classes[i] == 0) ? 0.8f + 0.2f * r.nextFloat() : 0.2f * r.nextFloat();
            }
        }
        FeatureSet data = new FeatureSet(rows, Labels.singleLabel(classes), new int[] {1, 28, 28}, "grey");
        DeepModel m = (DeepModel) new GreedyHashMethod(true).fit(data, config(2), null);
        assertEquals(28 * 28, m.inputDimension());
        assertEquals(8, m.encode(rows).size());
    }

    @Test
    void badBackboneNamesWeightsAndLayersAreOneLineErrors() {
        GreedyHashMethod g = new GreedyHashMethod(true);
        String unknown = assertThrows(HashingException.class, () -> g.check(config(1, "backbone", "resnet19"))).getMessage();
        assertTrue(unknown.contains("resnet19") && unknown.contains("resnet18"), unknown);
        Path missing = dir.resolve("nowhere/resnet18.npz");
        String file = assertThrows(HashingException.class,
                () -> g.check(config(1, "backbone_weights", missing.toString()))).getMessage();
        assertTrue(file.contains(missing.toString()), file);
        String zoo = assertThrows(HashingException.class, () -> g.check(config(1, "backbone_weights", "vgg16.zip")))
                .getMessage();
        assertTrue(zoo.contains("vgg16.zip"), zoo);
        String layer = assertThrows(HashingException.class, () -> g.check(config(1, "layer", "fc7"))).getMessage();
        assertTrue(layer.contains("fc7") && layer.contains("avgpool"), layer);
        for (String m : List.of(unknown, file, zoo, layer)) {
            assertFalse(m.contains("\n"), m);
        }
        // SSDH fits its pseudo-labels on the training rows, which streaming never holds.
        org.hashing4j.models.ImageStreamMethod ssdh = (org.hashing4j.models.ImageStreamMethod)
                org.hashing4j.models.MethodRegistry.get("ssdh");
        String rows = assertThrows(HashingException.class, () -> ssdh.fit(new ImageSplit(images, images, images, 2,
                List.of()), config(1), null)).getMessage();
        assertTrue(rows.startsWith("ssdh reads its training rows"), rows);
        // The small CNN does not stream: the images would have to be held in memory.
        String cnn = assertThrows(HashingException.class, () -> fit(config(1, "backbone", "cnn"), null)).getMessage();
        assertTrue(cnn.contains("resnet18"), cnn);
    }
}
