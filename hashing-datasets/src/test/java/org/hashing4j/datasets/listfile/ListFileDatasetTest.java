package org.hashing4j.datasets.listfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.DatasetOptions;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.cifar.CifarTestFiles;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.Downloader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListFileDatasetTest {
    @TempDir
    Path tmp;

    private DataLocator locator() {
        return new DataLocator(DataEnvironment.of(Map.of(), tmp.resolve("home"), tmp.resolve("system")),
                new Downloader(l -> { }, 1000, 1000));
    }

    private static String labels(int classes, int... on) {
        int[] v = new int[classes];
        for (int c : on) {
            v[c] = 1;
        }
        StringBuilder s = new StringBuilder();
        for (int x : v) {
            s.append(' ').append(x);
        }
        return s.toString();
    }

    /** NUS-WIDE-style folder: 21 labels, images under images/, some lines multi-label. */
    private Path nusWide(int train, int test, int database, int missing) throws IOException {
        Path root = tmp.resolve("nus-wide-21");
        int[] counts = {train, test, database};
        for (int k = 0; k < 3; k++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < counts[k]; i++) {
                String rel = "images/" + ListFileDataset.FILES.get(k).replace(".txt", "") + "_" + i
                        + (i % 2 == 0 ? ".jpg" : ".png");
                if (i >= missing || k != 2) {
                    CifarTestFiles.writePng(root.resolve(rel), 0x102030 * (i + 1), 12);
                }
                lines.add(rel + labels(21, i % 21, (i + 5) % 21));
            }
            Files.write(root.resolve(ListFileDataset.FILES.get(k)), lines);
        }
        return root;
    }

    @Test
    void presetSplitIsStreamedWithMultiHotLabelsAndItsTopK() throws IOException {
        nusWide(30, 8, 40, 0);
        RetrievalSplit s = Datasets.load("nus-wide-21", null, 0, tmp, locator());
        assertEquals("lists", s.protocol());
        assertEquals(5000, s.defaultTopK().getAsInt());
        assertEquals(5000, Datasets.provider("nus-wide-21").defaultTopK().getAsInt());
        assertEquals(1000, Datasets.provider("imagenet-100").defaultTopK().getAsInt());
        assertEquals(5000, Datasets.provider("coco").defaultTopK().getAsInt());
        assertTrue(Datasets.provider("list-files").defaultTopK().isEmpty());
        assertFalse(s.hasFeatures());
        ImageSplit im = s.images().orElseThrow();
        assertEquals(30, im.train().size());
        assertEquals(8, im.query().size());
        assertEquals(40, im.database().size());
        assertEquals(21, im.numClasses());
        assertTrue(im.database().labels().isMultiLabel());
        assertTrue(im.database().labels().has(3, 3) && im.database().labels().has(3, 8));
        assertTrue(im.query().files().get(1).endsWith("images/test_1.png"));
        HashingException e = assertThrows(HashingException.class, s::train);
        assertTrue(e.getMessage().contains("streamed, not held in memory"), e.getMessage());
        assertTrue(s.summary().contains("40 database images (streamed)"));
    }

    @Test
    void missingImagesAreCountedAndListedOrSkipped() throws IOException {
        Path root = nusWide(5, 5, 40, 13);
        HashingException e = assertThrows(HashingException.class, () -> Datasets.load("nus-wide-21", "lists", 0, root,
                locator()));
        String m = e.getMessage();
        assertTrue(m.startsWith("nus-wide-21: 13 of 50 listed images are missing or unreadable under " + root
                + " (database.txt: 13); first 10: " + root.resolve("images/database_0.jpg")), m);
        assertTrue(m.contains(root.resolve("images/database_9.png").toString()), m);
        assertFalse(m.contains("database_10.jpg"), m);
        assertTrue(m.endsWith("skip them with --skip-missing"), m);
        RetrievalSplit s = Datasets.load("nus-wide-21", "lists", 0, root, locator(), new DatasetOptions(true, null));
        assertEquals(27, s.images().orElseThrow().database().size());
        assertEquals(List.of("skipped 13 missing or unreadable images (database.txt: 13)"), s.notes());
    }

    @Test
    void badLinesAreRejectedWithFileAndLine() throws IOException {
        Path root = nusWide(3, 3, 3, 0);
        Files.write(root.resolve("test.txt"), List.of("images/test_0.jpg" + labels(21, 1),
                "images/test_1.png" + labels(20, 1)));
        HashingException e = assertThrows(HashingException.class, () -> Datasets.load("nus-wide-21", "lists", 0, root,
                locator()));
        assertEquals(root.resolve("test.txt") + ":2: 20 labels, expected 21 (the nus-wide-21 preset has 21 classes)",
                e.getMessage());
        Files.write(root.resolve("test.txt"), List.of("images/test_0.jpg 0 1 2"));
        HashingException v = assertThrows(HashingException.class,
                () -> ListFileReader.read(root.resolve("test.txt"), root, 0, "x"));
        assertEquals(root.resolve("test.txt") + ":1: label 3 is '2', expected 0 or 1", v.getMessage());
        Files.write(root.resolve("test.txt"), List.of("images/test_0.jpg 0 1", "", "images/test_1.png 1"));
        HashingException g = assertThrows(HashingException.class, () -> Datasets.load("list-files", "lists", 0, root,
                locator()));
        assertEquals(root.resolve("test.txt") + ":1: 2 labels, expected 21 (as in train.txt)", g.getMessage());
        HashingException h = assertThrows(HashingException.class,
                () -> ListFileReader.read(root.resolve("test.txt"), root, 0, "x"));
        assertEquals(root.resolve("test.txt") + ":3: 1 labels, expected 2 (as on the first line)", h.getMessage());
        Files.write(root.resolve("test.txt"), List.of("images/test_0.jpg"));
        assertThrows(HashingException.class, () -> ListFileReader.read(root.resolve("test.txt"), root, 0, "x"));
    }

    @Test
    void imageRootOptionAndMissingListsMessage() throws IOException {
        Path root = nusWide(2, 2, 2, 0);
        Path lists = Files.createDirectories(tmp.resolve("lists/nus-wide-21"));
        for (String f : ListFileDataset.FILES) {
            Files.copy(root.resolve(f), lists.resolve(f));
        }
        RetrievalSplit s = Datasets.load("nus-wide-21", "lists", 0, lists, locator(), new DatasetOptions(false, root));
        assertEquals(2, s.images().orElseThrow().database().size());
        HashingException e = assertThrows(HashingException.class,
                () -> Datasets.load("coco", "lists", 0, null, locator()));
        assertTrue(e.getMessage().startsWith("coco not found (looked in $HASHING_DATA (not set), "), e.getMessage());
        assertTrue(e.getMessage().contains("put train.txt, test.txt and database.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("with 80 labels"), e.getMessage());
    }
}
