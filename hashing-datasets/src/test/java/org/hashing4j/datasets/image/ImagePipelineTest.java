package org.hashing4j.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class ImagePipelineTest {
    @TempDir
    Path tmp;

    /** A w×h image whose pixel (x, y) is RGB (x, y, 7). */
    private Path gradient(String name, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x << 16) | (y << 8) | 7);
            }
        }
        Path p = tmp.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void centreCropAtTestAndChannelPlanes() throws IOException {
        Path f = gradient("g.png", 10, 8);
        ImagePipeline p = new ImagePipeline(new ImagePipelineConfig(3, ImagePipelineConfig.Resize.NONE, 0, 0, 4, 6,
                true, true, null, null));
        float[] out = p.apply(f, false, new Random(1));
        assertEquals(3 * 4 * 6, out.length);
        // centre crop: x0 = (10-6)/2 = 2, y0 = (8-4)/2 = 2
        assertEquals(2 / 255f, out[0]); // R = x
        assertEquals(7 / 255f, out[0 + 5]);
        assertEquals(2 / 255f, out[24]); // G = y
        assertEquals(5 / 255f, out[24 + 3 * 6]);
        assertEquals(7 / 255f, out[48]); // B
        assertArrayEquals(out, p.apply(f, false, new Random(99)), "no randomness at test time");
    }

    @Test
    void randomResizedCropScalesARegionOfTheDecodedImage() throws IOException {
        // Pixel (x, y) = RGB (x, y, 7) on 200x100: a crop's red values span its width in source pixels.
        Path f = gradient("big.png", 200, 100);
        ImagePipelineConfig cfg = new ImagePipelineConfig(3, ImagePipelineConfig.Resize.SHORTER_SIDE, 20, 0, 16, 16,
                true, 0.08, false, null, null);
        ImagePipeline p = new ImagePipeline(cfg);
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        java.util.Set<Float> corners = new java.util.HashSet<>();
        for (int s = 0; s < 60; s++) {
            float[] out = p.apply(f, true, new Random(s));
            assertEquals(3 * 16 * 16, out.length);
            assertArrayEquals(out, p.apply(f, true, new Random(s)), "seeded");
            // red spans the crop's width, green its height (source pixels); their product is its area
            double width = (out[15] - out[0]) * 255 * 16 / 15.0;
            double height = (out[256 + 15 * 16] - out[256]) * 255 * 16 / 15.0;
            double fraction = width * height / (200.0 * 100.0);
            smallest = Math.min(smallest, fraction);
            largest = Math.max(largest, fraction);
            double aspect = width / height;
            assertTrue(aspect > 0.6 && aspect < 1.6, "aspect " + aspect);
            corners.add(out[0]);
        }
        // 8-100% of the area, aspect 3/4-4/3: on a 2:1 image the widest region is about 133x100 (67%)
        assertTrue(smallest < 0.2 && smallest > 0.05, "smallest area fraction " + smallest);
        assertTrue(largest > 0.4 && largest < 0.75, "largest area fraction " + largest);
        assertTrue(corners.size() > 30, "crops start at many places: " + corners.size());
        // At test time: the shorter side resized to 20 and the centre 16x16, no randomness.
        float[] test = p.apply(f, false, new Random(1));
        assertArrayEquals(test, p.apply(f, false, new Random(2)));
        assertArrayEquals(test, new ImagePipeline(cfg.withMinCropArea(0)).apply(f, false, new Random(3)));
        assertThrows(HashingException.class, () -> cfg.withMinCropArea(1.5));
        assertThrows(HashingException.class, () -> new ImagePipelineConfig(3, ImagePipelineConfig.Resize.NONE, 0, 0,
                0, 0, true, 0.5, false, null, null));
    }

    @Test
    void randomCropAndFlipWhenTraining() throws IOException {
        Path f = gradient("g.png", 10, 8);
        ImagePipeline p = new ImagePipeline(new ImagePipelineConfig(3, ImagePipelineConfig.Resize.NONE, 0, 0, 4, 6,
                true, true, null, null));
        boolean sawFlip = false;
        boolean sawOffset = false;
        for (int s = 0; s < 40; s++) {
            float[] out = p.apply(f, true, new Random(s));
            assertArrayEquals(out, p.apply(f, true, new Random(s)), "seeded");
            float left = out[0] * 255;
            float right = out[5] * 255;
            if (left > right) {
                sawFlip = true;
                assertEquals(5, left - right, 1e-4);
            } else {
                assertEquals(5, right - left, 1e-4);
            }
            int x0 = Math.round(Math.min(left, right));
            int y0 = Math.round(out[24] * 255);
            assertTrue(x0 >= 0 && x0 <= 4 && y0 >= 0 && y0 <= 4);
            if (x0 != 2 || y0 != 2) {
                sawOffset = true;
            }
        }
        assertTrue(sawFlip && sawOffset);
    }

    @Test
    void resizeNormaliseAndGrey() throws IOException {
        Path f = gradient("g.png", 40, 20);
        ImagePipelineConfig cfg = ImagePipelineConfig.imagenet(16, 12);
        ImagePipeline p = new ImagePipeline(cfg);
        assertArrayEquals(new int[] {3, 12, 12}, p.outputShape(40, 20));
        float[] out = p.apply(f, false, new Random(0));
        assertEquals(3 * 144, out.length);
        // blue is 7/255 everywhere: normalised value (7/255 - 0.406) / 0.225
        assertEquals((7 / 255f - 0.406f) / 0.225f, out[2 * 144 + 50], 2e-2);
        ImagePipeline grey = new ImagePipeline(ImagePipelineConfig.plain(1, 5, 10));
        float[] g = grey.apply(f, false, new Random(0));
        assertEquals(50, g.length);
        assertTrue(g[9] > g[0], "luminance grows with red to the right");
        // grey source to three channels
        BufferedImage gi = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        gi.getRaster().setSample(1, 1, 0, 200);
        float[] rgb = new ImagePipeline(ImagePipelineConfig.asIs(3)).apply(DecodedImage.of(gi), "g", false,
                new Random(0));
        assertEquals(rgb[5], rgb[16 + 5]);
        assertEquals(rgb[5], rgb[32 + 5]);
        assertTrue(rgb[5] > 0.7f);
    }

    @Test
    void shrinkingByTwoOrMoreAveragesInsteadOfSkippingPixels() {
        // 8x2 grey, a bright column every 4th pixel: scaled to 2x1, each output covers one bright and
        // three dark columns. Area averaging gives 255/4; bilinear sampling at source x = 1.5 and 5.5
        // would read only dark pixels and lose the columns (aliasing).
        byte[] px = new byte[16];
        for (int y = 0; y < 2; y++) {
            px[y * 8] = (byte) 255;
            px[y * 8 + 4] = (byte) 255;
        }
        try (DecodedImage img = DecodedImage.ofPixels(8, 2, 1, px)) {
            float[] out = new ImagePipeline(ImagePipelineConfig.plain(1, 1, 2)).apply(img, "stripes", false, null);
            assertEquals(2, out.length);
            assertEquals(64 / 255f, out[0], 1.5f / 255);
            assertEquals(64 / 255f, out[1], 1.5f / 255);
            // enlarging is bilinear: between a dark and a bright pixel lies a mid value
            float[] up = new ImagePipeline(ImagePipelineConfig.plain(1, 4, 16)).apply(img, "stripes", false, null);
            assertTrue(up[1] > 0.1f && up[1] < 0.9f, "bilinear in-between value " + up[1]);
        }
    }

    @Test
    void badConfigurationsAndImagesAreClear() throws IOException {
        assertThrows(HashingException.class, () -> new ImagePipelineConfig(2, ImagePipelineConfig.Resize.NONE, 0, 0, 0,
                0, false, false, null, null));
        assertThrows(HashingException.class, () -> ImagePipelineConfig.plain(3, 8, 8).withNormalisation(
                new float[] {0.5f}, new float[] {0.5f}));
        Path bad = tmp.resolve("bad.jpg");
        Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        HashingException e = assertThrows(HashingException.class, () -> DecodedImage.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        Path small = gradient("s.png", 5, 5);
        HashingException c = assertThrows(HashingException.class, () -> new ImagePipeline(
                new ImagePipelineConfig(3, ImagePipelineConfig.Resize.NONE, 0, 0, 8, 8, false, false, null, null))
                .apply(small, false, new Random(0)));
        assertTrue(c.getMessage().contains("smaller than the crop 8x8"), c.getMessage());
    }

    private ImageList list(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        int[][] multi = new int[n][4];
        for (int i = 0; i < n; i++) {
            files.add(gradient("img" + i + ".png", 12 + i % 3, 10));
            multi[i][i % 4] = 1;
            multi[i][(i + 1) % 4] = 1;
        }
        return new ImageList(files, Labels.multiHot(multi), "tiny");
    }

    @Test
    void batchesAreNchwWithMultiHotLabelsAndBackgroundPrefetchGivesTheSame() throws IOException {
        ImageList images = list(10);
        ImagePipelineConfig cfg = ImagePipelineConfig.plain(3, 8, 8);
        ImageBatchIterator it = new ImageBatchIterator(images, cfg, 4, false, 1, 4, null);
        List<DataSet> sync = new ArrayList<>();
        while (it.hasNext()) {
            sync.add(it.next());
        }
        assertEquals(3, sync.size());
        assertArrayEquals(new long[] {4, 3, 8, 8}, sync.get(0).getFeatures().shape());
        assertArrayEquals(new long[] {2, 3, 8, 8}, sync.get(2).getFeatures().shape());
        assertArrayEquals(new long[] {4, 4}, sync.get(0).getLabels().shape());
        assertEquals(1f, sync.get(0).getLabels().getFloat(1, 1));
        assertEquals(1f, sync.get(0).getLabels().getFloat(1, 2));
        assertEquals(0f, sync.get(0).getLabels().getFloat(1, 0));
        assertEquals(192, it.inputColumns());
        it.reset();
        DataSetIterator bg = it.background(2);
        int k = 0;
        while (bg.hasNext()) {
            DataSet d = bg.next();
            assertEquals(sync.get(k).getFeatures(), d.getFeatures(), "batch " + k);
            assertEquals(sync.get(k).getLabels(), d.getLabels());
            k++;
        }
        assertEquals(3, k);
    }

    @Test
    void trainingReshufflesEachEpochDeterministically() throws IOException {
        ImageList images = list(9);
        ImagePipelineConfig cfg = new ImagePipelineConfig(3, ImagePipelineConfig.Resize.EXACT, 10, 10, 8, 8, true, true,
                ImagePipelineConfig.IMAGENET_MEAN, ImagePipelineConfig.IMAGENET_STD);
        ImageBatchIterator a = new ImageBatchIterator(images, cfg, 9, true, 5, 4, null);
        ImageBatchIterator b = new ImageBatchIterator(images, cfg, 9, true, 5, 4, null);
        DataSet a1 = a.next();
        assertEquals(a1.getFeatures(), b.next().getFeatures(), "same seed, same batch");
        a.reset();
        DataSet a2 = a.next();
        assertNotEquals(a1.getLabels(), a2.getLabels(), "new order in the next epoch");
        assertFalse(Arrays.equals(a1.getFeatures().data().asFloat(), a2.getFeatures().data().asFloat()));
    }

    @Test
    void corruptImageInABatchIsNamed() throws IOException {
        ImageList images = list(3);
        Files.write(images.files().get(1), "broken".getBytes());
        ImageBatchIterator it = new ImageBatchIterator(images, ImagePipelineConfig.plain(3, 8, 8), 3, false, 1, 4,
                null);
        HashingException e = assertThrows(HashingException.class, it::next);
        assertTrue(e.getMessage().startsWith(images.files().get(1) + ": not a decodable image"), e.getMessage());
    }

    @Test
    void inMemoryLoadRespectsTheBudget() throws IOException {
        ImageList images = list(4);
        assertEquals(4, ImageSets.load(images, ImagePipelineConfig.plain(1, 6, 6), 1 << 20).size());
        HashingException e = assertThrows(HashingException.class,
                () -> ImageSets.load(images, ImagePipelineConfig.plain(3, 224, 224), 1 << 20));
        assertTrue(e.getMessage().contains("stream them"), e.getMessage());
    }

    @Test
    void inMemoryImagesCanBeResizedForABackbone() {
        float[][] rows = new float[5][3 * 16];
        int[] labels = new int[5];
        for (int i = 0; i < 5; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 16; p++) {
                rows[i][p] = 1f; // red plane
                rows[i][16 + p] = i / 4f; // green grows with i
            }
        }
        org.hashing4j.core.FeatureSet set = new org.hashing4j.core.FeatureSet(rows, Labels.singleLabel(labels),
                new int[] {3, 4, 4}, "tiny-cifar");
        ImageBatchIterator it = new ImageBatchIterator(ImageSource.of(set), ImagePipelineConfig.plain(3, 8, 8), 5,
                false, 0, 2, List.of("a", "b"));
        DataSet d = it.next();
        assertArrayEquals(new long[] {5, 3, 8, 8}, d.getFeatures().shape());
        assertEquals(1f, d.getFeatures().getFloat(3, 0, 5, 5), 1e-6);
        assertEquals(Math.round(3 / 4f * 255) / 255f, d.getFeatures().getFloat(3, 1, 2, 6), 1e-6);
        assertEquals(0f, d.getFeatures().getFloat(3, 2, 2, 6), 1e-6);
        assertEquals(1f, d.getLabels().getFloat(3, 1));
        assertEquals(List.of("a", "b"), it.getLabels());
        assertThrows(HashingException.class, () -> ImageSource.of(new org.hashing4j.core.FeatureSet(
                new float[][] {{1f, 2f}}, null, null, "plain")));
    }
}
