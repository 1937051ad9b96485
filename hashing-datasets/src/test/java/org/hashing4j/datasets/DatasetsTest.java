package org.hashing4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.idx.IdxTestFiles;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.Downloader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path tmp;

    private DataLocator offline() {
        return new DataLocator(DataEnvironment.of(Map.of("HASHING_NO_DOWNLOAD", "1"), tmp.resolve("home"),
                tmp.resolve("system")), new Downloader(line -> { }, 1000, 1000));
    }

    private Path tinyData() throws IOException {
        Path dir = tmp.resolve("data/fashion-mnist");
        IdxTestFiles.writeDataset(dir, 600, 10, 4, true);
        return tmp.resolve("data");
    }

    @Test
    void standardProtocolUsesTestQueriesAndTrainingDatabase() throws IOException {
        Path data = tinyData();
        RetrievalSplit s = Datasets.load("fashion-mnist", "standard", 1, data, offline());
        assertEquals("fashion-mnist", s.dataset());
        assertEquals("standard", s.protocol());
        assertEquals(6000, s.train().size());
        assertEquals(100, s.query().size());
        assertEquals(6000, s.database().size());
        assertSame(s.train().features(), s.database().features(), "database = training set");
        assertArrayEquals(new int[] {1, 4, 4}, s.query().imageShape());
        assertEquals(16, s.query().dimension());
        assertEquals(10, s.classNames().size());
        assertEquals("Ankle boot", s.classNames().get(9));
        assertTrue(s.defaultTopK().isEmpty(), "mAP@all");
        assertEquals("fashion-mnist/standard/query", s.query().name());
        assertEquals(s, s);
        assertSame(s.query().labels().getClass(), s.database().labels().getClass());
        assertDisjoint(s.query(), s.database());
        // default protocol is the first one
        assertEquals("standard", Datasets.load("fashion-mnist", null, 1, data, offline()).protocol());
    }

    @Test
    void sampledProtocolIsBalancedDisjointAndSeeded() throws IOException {
        Path data = tinyData();
        RetrievalSplit a = Datasets.load("fashion-mnist", "sampled", 5, data, offline());
        assertEquals(1000, a.query().size());
        assertEquals(6100 - 1000, a.database().size());
        assertEquals(5000, a.train().size());
        int[] perClass = new int[10];
        for (int i = 0; i < a.query().size(); i++) {
            perClass[a.query().labels().classOf(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(100, perClass[c]);
        }
        assertDisjoint(a.query(), a.database());
        Set<float[]> db = identitySet(a.database());
        for (float[] row : a.train().features()) {
            assertTrue(db.contains(row), "training images come from the database");
        }
        RetrievalSplit b = Datasets.load("fashion-mnist", "sampled", 5, data, offline());
        RetrievalSplit c = Datasets.load("fashion-mnist", "sampled", 6, data, offline());
        assertTrue(sameRows(a.query(), b.query()) && sameRows(a.train(), b.train()), "same seed, same split");
        assertFalse(sameRows(a.query(), c.query()), "another seed, another split");
    }

    @Test
    void unknownNamesListTheKnownOnes() throws IOException {
        HashingException e = assertThrows(HashingException.class, () -> Datasets.load("cifar-11", null, 0, null));
        assertTrue(e.getMessage().startsWith("unknown dataset 'cifar-11' (known: fashion-mnist, mnist"), e.getMessage());
        Path data = tinyData();
        HashingException p = assertThrows(HashingException.class,
                () -> Datasets.load("fashion-mnist", "cifar10", 0, data, offline()));
        assertEquals("unknown protocol 'cifar10' for dataset fashion-mnist (known: standard, sampled)", p.getMessage());
    }

    @Test
    void describeSaysWhatIsFoundAndHowToGetTheRest() throws IOException {
        Path data = tinyData();
        String text = Datasets.describeAvailable(data, offline());
        assertTrue(text.contains("found:     " + data.resolve("fashion-mnist") + " (--data-dir)"), text);
        // MNIST is not in the folder the user named: say so, with what is missing
        assertTrue(text.contains("mnist not found in --data-dir " + data), text);
        String nothing = Datasets.describeAvailable(null, offline());
        assertTrue(nothing.contains("downloads are off; to get Fashion-MNIST: install Debian's package"
                + " (sudo apt-get install dataset-fashion-mnist"), nothing);
        DataLocator online = new DataLocator(DataEnvironment.of(Map.of(), tmp.resolve("home"), tmp.resolve("system")),
                new Downloader(line -> { }, 1000, 1000));
        assertTrue(Datasets.describeAvailable(null, online).contains("will be downloaded into "
                + tmp.resolve("home/.hashing4j/data/mnist") + " on first use (12 MB)"));
        List<DatasetStatus> st = Datasets.statuses(data, offline());
        assertTrue(st.get(0).found());
        assertFalse(st.get(1).found());
    }

    /** The real data (Debian's dataset-fashion-mnist) through the public entry point, when installed. */
    @Test
    void debianFashionMnistSplits() {
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        Assumptions.assumeTrue(Files.isDirectory(dir), "dataset-fashion-mnist not installed");
        long t0 = System.nanoTime();
        RetrievalSplit std = Datasets.load("fashion-mnist", "standard", 0, dir);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Fashion-MNIST standard split (70,000 images) loaded in %.2f s%n", seconds);
        assertEquals(60000, std.train().size());
        assertEquals(10000, std.query().size());
        assertEquals(60000, std.database().size());
        assertArrayEquals(new int[] {1, 28, 28}, std.train().imageShape());
        RetrievalSplit sampled = Datasets.load("fashion-mnist", "sampled", 0, dir);
        assertEquals(5000, sampled.train().size());
        assertEquals(1000, sampled.query().size());
        assertEquals(69000, sampled.database().size());
        assertDisjoint(sampled.query(), sampled.database());
        assertTrue(Datasets.provider("fashion-mnist").verify(dir).stream().allMatch(l -> l.endsWith(" ok")),
                "content checksums of Debian's files");
    }

    private static Set<float[]> identitySet(FeatureSet s) {
        Set<float[]> set = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(set, s.features());
        return set;
    }

    private static void assertDisjoint(FeatureSet query, FeatureSet database) {
        Set<float[]> db = identitySet(database);
        for (float[] q : query.features()) {
            assertFalse(db.contains(q), "a query image is also in the database");
        }
    }

    private static boolean sameRows(FeatureSet a, FeatureSet b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.features()[i], b.features()[i])) {
                return false;
            }
        }
        return true;
    }
}
