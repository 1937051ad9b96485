package org.hashing4j.models.nets.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Npy;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.BackboneFiles;
import org.hashing4j.models.nets.ImageBatches;
import org.hashing4j.models.nets.TinyImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class FeatureExtractorTest {
    @TempDir
    Path tmp;

    private NetworkBackbone backbone() throws Exception {
        return BackboneFiles.load(TinyImages.save(TinyImages.graph(7), tmp.resolve("cnn.zip")), null);
    }

    @Test
    void imageFolderFeaturesMatchTheNetworkAndKeepLabels() throws Exception {
        FeatureSet images = TinyImages.images(10, 1);
        Path folder = TinyImages.writeFolder(images, tmp.resolve("folder"));
        NetworkBackbone b = backbone();
        FeatureExtractor fx = new FeatureExtractor(b, "fc", FeaturePooling.AVG);
        List<String> events = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void phaseStarted(String phase, long total) {
                events.add("start " + phase + " " + total);
            }

            @Override
            public void progress(long done, Map<String, Double> metrics) {
                events.add("progress " + done);
                assertTrue(metrics.get("images_per_s") > 0);
            }

            @Override
            public void phaseFinished(Map<String, Double> metrics) {
                events.add("finished " + metrics.get("images").intValue());
            }
        };
        DataSetIterator it = TinyImages.folderIterator(folder, 4);
        FeatureSet f = fx.extract(it, "tiny/folder", 10, l);
        assertEquals(List.of("start features cnn.zip/fc 10", "progress 4", "progress 8", "progress 10", "finished 10"), events);
        assertEquals(10, f.size());
        assertEquals(16, f.dimension());
        assertTrue(fx.lastImagesPerSecond() > 0);
        // Same features as running the network on the same pixels directly (PNG keeps 8 bits, so compare per image).
        INDArray x = TinyImages.folderIterator(folder, 10).next().getFeatures(); // a fresh reader: the same order
        INDArray direct = b.network().output(List.of("fc"), false, new INDArray[] {x}, null)[0];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 16; j++) {
                assertEquals(direct.getFloat(i, j), f.features()[i][j], 1e-5);
            }
        }
        // Labels from the folder names: class0, class1, class2 (DataVec sorts the label names).
        assertNotNull(f.labels());
        assertEquals(3, f.labels().numClasses());
        assertTrue(!f.labels().isMultiLabel());
    }

    @Test
    void inMemoryImagesGiveTheSameFeaturesAsTheFolderReader() throws Exception {
        FeatureSet images = TinyImages.images(6, 2);
        NetworkBackbone b = backbone();
        FeatureExtractor fx = new FeatureExtractor(b, null, FeaturePooling.AVG);
        assertEquals("fc", fx.layer());
        FeatureSet f = fx.extract(images, 4, null);
        INDArray x = ImageBatches.fromRows(images.features(), 0, 6, images.imageShape());
        float[][] direct = b.network().output(List.of("fc"), false, new INDArray[] {x}, null)[0].toFloatMatrix();
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(direct[i], f.features()[i], 1e-6f);
        }
        assertEquals(images.labels().classIndices().length, f.labels().size());
    }

    @Test
    void convolutionalLayersArePooledOrFlattened() throws Exception {
        FeatureSet images = TinyImages.images(3, 3);
        NetworkBackbone b = backbone();
        // "pool" gives 6 channels of 5x5.
        FeatureSet avg = new FeatureExtractor(b, "pool", FeaturePooling.AVG).extract(images, 8, null);
        FeatureSet max = new FeatureExtractor(b, "pool", FeaturePooling.MAX).extract(images, 8, null);
        FeatureSet flat = new FeatureExtractor(b, "pool", FeaturePooling.FLATTEN).extract(images, 8, null);
        assertEquals(6, avg.dimension());
        assertEquals(6, max.dimension());
        assertEquals(150, flat.dimension());
        for (int c = 0; c < 6; c++) {
            double sum = 0;
            float mx = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < 25; p++) {
                sum += flat.features()[0][c * 25 + p];
                mx = Math.max(mx, flat.features()[0][c * 25 + p]);
            }
            assertEquals(sum / 25, avg.features()[0][c], 1e-5);
            assertEquals(mx, max.features()[0][c], 1e-6);
        }
    }

    @Test
    void theCacheAnswersTheSecondRunAndIgnoresOtherKeys() throws Exception {
        FeatureSet images = TinyImages.images(5, 4);
        NetworkBackbone b = backbone();
        FeatureExtractor fx = new FeatureExtractor(b, "fc", FeaturePooling.AVG);
        FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
        FeatureKey key = FeatureKey.of("tiny(seed=4)", "query", fx);
        AtomicInteger runs = new AtomicInteger();
        FeatureSet first = cache.getOrExtract(key, () -> {
            runs.incrementAndGet();
            return fx.extract(images, 2, null);
        }, null);
        FeatureSet second = cache.getOrExtract(key, () -> {
            runs.incrementAndGet();
            return fx.extract(images, 2, null);
        }, null);
        assertEquals(1, runs.get());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(first.features()[i], second.features()[i]);
        }
        assertArrayEquals(images.labels().classIndices(), second.labels().classIndices());
        // The cache entry is a plain float32 .npy with a JSON description beside it.
        Path npy = cache.featuresFile(key);
        assertEquals(Npy.DType.FLOAT32, Npy.read(npy).dtype());
        String json = Files.readString(npy.resolveSibling(key.hash() + ".json"));
        assertTrue(json.contains("\"split\" : \"query\"") && json.contains("\"layer\" : \"fc\""), json);
        // Another split, layer or backbone is another entry.
        assertNull(cache.get(FeatureKey.of("tiny(seed=4)", "database", fx)));
        assertNull(cache.get(FeatureKey.of("tiny(seed=4)", "query", new FeatureExtractor(b, "pool", FeaturePooling.AVG))));
        // A damaged entry counts as missing.
        Files.write(npy, new byte[] {1, 2, 3});
        assertNull(cache.get(key));
    }
}
