package org.hashing4j.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.cifar.CifarTestFiles;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.Downloader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path tmp;

    private DataLocator locator() {
        return new DataLocator(DataEnvironment.of(Map.of(), tmp.resolve("home"), tmp.resolve("system")),
                new Downloader(l -> { }, 1000, 1000));
    }

    private static final int[] COLOURS = {0xFF0000, 0x00FF00, 0x0000FF};

    private Path folder(String name, int perClass, int size) throws IOException {
        Path root = tmp.resolve(name);
        String[] classes = {"cats", "dogs", "fish"};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perClass; i++) {
                CifarTestFiles.writePng(root.resolve(classes[c] + "/" + i + (i % 2 == 0 ? ".png" : ".jpg")), COLOURS[c],
                        size);
            }
        }
        Files.writeString(root.resolve("cats/notes.txt"), "not an image");
        return root;
    }

    @Test
    void listingUsesParentFolderNamesSorted() throws IOException {
        Path root = folder("f", 3, 8);
        ClassFolders.Listing l = ClassFolders.list(root, List.of(), "f");
        assertEquals(List.of("cats", "dogs", "fish"), l.classNames());
        assertEquals(9, l.images().size());
        assertEquals(2, l.images().labels().classOf(8));
        assertTrue(l.images().files().get(0).endsWith("cats/0.png"));
        HashingException e = assertThrows(HashingException.class, () -> ClassFolders.list(tmp.resolve("none"),
                List.of(), "x"));
        assertTrue(e.getMessage().contains("no class subfolders"), e.getMessage());
    }

    @Test
    void sampledSplitHeldInMemoryWithRgbPixels() throws IOException {
        Path root = folder("f", 12, 8);
        RetrievalSplit s = Datasets.load("image-folder", "sampled:2:5", 3, root, locator());
        assertEquals(6, s.query().size());
        assertEquals(30, s.database().size());
        assertEquals(15, s.train().size());
        assertArrayEquals(new int[] {3, 8, 8}, s.query().imageShape());
        assertEquals(List.of("cats", "dogs", "fish"), s.classNames());
        for (int i = 0; i < s.database().size(); i++) {
            int c = s.database().labels().classOf(i);
            assertEquals(1f, s.database().features()[i][c * 64 + 10], 0.02f, "class " + c + " colour channel");
        }
        assertEquals(30, s.images().orElseThrow().database().size());
        java.util.Set<Path> q = new java.util.HashSet<>(s.images().orElseThrow().query().files());
        for (Path p : s.images().orElseThrow().database().files()) {
            assertFalse(q.contains(p), "query image in the database");
        }
    }

    @Test
    void trainTestLayoutAndMixedSizesAreStreamed() throws IOException {
        Path root = tmp.resolve("tt");
        Files.createDirectories(root);
        Files.move(folder("train", 4, 8), root.resolve("train"));
        Files.move(folder("test", 1, 10), root.resolve("test"));
        RetrievalSplit s = Datasets.load("image-folder", "train-test", 0, root, locator());
        assertFalse(s.hasFeatures(), "8x8 and 10x10 images are not stacked into one matrix");
        assertTrue(s.notes().get(0).contains("differ in size"), s.notes().toString());
        assertEquals(12, s.images().orElseThrow().database().size());
        assertEquals(3, s.images().orElseThrow().query().size());
        assertEquals(3, s.images().orElseThrow().numClasses());
    }

    @Test
    void anEmptyClassFolderIsRefusedByName() throws IOException {
        Path root = folder("e", 2, 8);
        Files.createDirectories(root.resolve("zebras"));
        HashingException e = assertThrows(HashingException.class, () -> ClassFolders.list(root, List.of(), "e"));
        assertTrue(e.getMessage().startsWith(root.resolve("zebras") + ": empty class folder"), e.getMessage());
    }
}
