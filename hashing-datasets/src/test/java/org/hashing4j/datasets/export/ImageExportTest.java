package org.hashing4j.datasets.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.ImageCollection;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.Downloader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageExportTest {
    @TempDir
    Path tmp;

    private static FeatureSet greySet(int n, int seed, String name) {
        Random r = new Random(seed);
        float[][] rows = new float[n][36];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 36; j++) {
                rows[i][j] = r.nextInt(256) / 255f; // 8-bit values, as IDX pixels are
            }
            labels[i] = i % 3;
        }
        return new FeatureSet(rows, Labels.singleLabel(labels), new int[] {1, 6, 6}, name);
    }

    @Test
    void exportedPngsLoadBackAsTheSamePixelsAndLabels() throws IOException {
        FeatureSet train = greySet(12, 1, "t/train");
        FeatureSet query = greySet(6, 2, "t/query");
        RetrievalSplit split = new RetrievalSplit("toy", "standard", 0, train, query, train, List.of(), null);
        Path out = tmp.resolve("png");
        ImageExport.Summary s = ImageExport.export(split, out);
        assertEquals(18, s.images());
        assertTrue(s.databaseIsTrain());
        assertTrue(Files.isRegularFile(out.resolve("train/0-class/00.png")));
        assertEquals(Files.readString(out.resolve("train.txt")), Files.readString(out.resolve("database.txt")));
        assertTrue(Files.readString(out.resolve("test.txt")).startsWith("test/0-class/0.png 1 0 0\n"));

        DataLocator locator = new DataLocator(DataEnvironment.of(Map.of(), tmp.resolve("home"), tmp.resolve("sys")),
                new Downloader(l -> { }, 1000, 1000));
        RetrievalSplit back = Datasets.load("image-folder", "train-test", 0, out, locator);
        assertArrayEquals(new int[] {1, 6, 6}, back.train().imageShape(), "grey PNGs load as one channel");
        // the folder lists files sorted by path: class 0 items first; map back through the file names
        List<Path> files = back.images().orElseThrow().train().files();
        for (int i = 0; i < files.size(); i++) {
            int original = Integer.parseInt(files.get(i).getFileName().toString().replace(".png", ""));
            assertArrayEquals(train.features()[original], back.train().features()[i], 0f, "lossless round trip");
            assertEquals(train.labels().classOf(original), back.train().labels().classOf(i));
        }
        RetrievalSplit lists = Datasets.load("list-files", "lists", 0, out, locator);
        assertEquals(6, lists.images().orElseThrow().query().size());
        assertEquals(12, ImageCollection.open(out.resolve("train"), false, false).size());
        assertEquals(6, ImageCollection.open(out.resolve("test.txt"), false, false).size());

        HashingException again = assertThrows(HashingException.class, () -> ImageExport.export(split, out));
        assertTrue(again.getMessage().contains("already holds an export"), again.getMessage());
    }

    @Test
    void classFoldersKeepTheLabelOrderWhenSorted() {
        assertEquals(List.of("00-T-shirt_top", "01-b", "02-class", "03-class", "04-class", "05-class", "06-class",
                "07-class", "08-class", "09-class", "10-class"),
                ImageExport.classFolders(List.of("T-shirt/top", "b"), 11));
    }
}
