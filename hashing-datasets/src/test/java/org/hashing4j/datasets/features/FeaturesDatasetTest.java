package org.hashing4j.datasets.features;

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
import java.util.Random;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Npy;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.Downloader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesDatasetTest {
    @TempDir
    Path tmp;

    private DataLocator locator() {
        return new DataLocator(DataEnvironment.of(Map.of(), tmp.resolve("home"), tmp.resolve("system")),
                new Downloader(l -> { }, 1000, 1000));
    }

    private static float[][] matrix(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] m = new float[n][d];
        for (float[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void givenSplitWithNpyAndTextLabels() throws IOException {
        Npy.writeFloat32(tmp.resolve("train.npy"), matrix(20, 5, 1));
        Npy.writeFloat32(tmp.resolve("query.npy"), matrix(4, 5, 2));
        Npy.writeFloat32(tmp.resolve("database.npy"), matrix(30, 5, 3));
        Npy.writeInt32(tmp.resolve("train_labels.npy"), new int[20]);
        Files.write(tmp.resolve("query_labels.txt"), List.of("0 1 1", "1 0 0", "", "0 0 1", "1,1,0"));
        List<String> db = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            db.add((i % 3 == 0 ? "1 0 0" : "0 1 0"));
        }
        Files.write(tmp.resolve("database_labels.txt"), db);
        RetrievalSplit s = Datasets.load("features", "given", 0, tmp, locator());
        assertEquals(20, s.train().size());
        assertEquals(4, s.query().size());
        assertEquals(30, s.database().size());
        assertEquals(5, s.query().dimension());
        assertTrue(s.query().labels().isMultiLabel());
        assertTrue(s.query().labels().has(3, 0) && s.query().labels().has(3, 1));
        assertEquals(null, s.query().imageShape());

        Files.write(tmp.resolve("query_labels.txt"), List.of("0 1 1", "1 0 0", "0 0 1"));
        HashingException e = assertThrows(HashingException.class, () -> Datasets.load("features", "given", 0, tmp,
                locator()));
        assertEquals(tmp.resolve("query.npy") + " has 4 rows but " + tmp.resolve("query_labels.txt") + " has 3 labels",
                e.getMessage());
        Files.write(tmp.resolve("query_labels.txt"), List.of("0 1 1", "1 0", "0 0 1", "1 1 0"));
        HashingException w = assertThrows(HashingException.class, () -> Datasets.load("features", "given", 0, tmp,
                locator()));
        assertEquals(tmp.resolve("query_labels.txt") + ":2: 2 values, expected 3 (as on the first line)",
                w.getMessage());
    }

    @Test
    void sampledPoolWithCountsInTheProtocolName() throws IOException {
        int n = 300;
        Npy.writeFloat32(tmp.resolve("features.npy"), matrix(n, 8, 4));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add(Integer.toString(i % 3));
        }
        Files.write(tmp.resolve("labels.txt"), labels);
        RetrievalSplit s = Datasets.load("features", "sampled:10:40", 9, tmp, locator());
        assertEquals(30, s.query().size());
        assertEquals(270, s.database().size());
        assertEquals(120, s.train().size());
        HashingException big = assertThrows(HashingException.class,
                () -> Datasets.load("features", "sampled", 9, tmp, locator()));
        assertEquals("class 0 has 100 items, too few for 100 queries and 500 training items per class",
                big.getMessage());
        HashingException bad = assertThrows(HashingException.class,
                () -> Datasets.load("features", "sampled:x:1", 9, tmp, locator()));
        assertTrue(bad.getMessage().startsWith("bad protocol 'sampled:x:1'"), bad.getMessage());
        HashingException none = assertThrows(HashingException.class,
                () -> Datasets.load("features", "given", 9, null, locator()));
        assertTrue(none.getMessage().contains("needs --data-dir"));
        assertFalse(Datasets.provider("features").acceptsProtocol("lists"));
    }

    @Test
    void integerFeatureFilesAreRejected() {
        Npy.writeInt32(tmp.resolve("features.npy"), new int[][] {{1, 2}, {3, 4}});
        Npy.writeInt32(tmp.resolve("labels.npy"), new int[] {0, 1});
        HashingException e = assertThrows(HashingException.class,
                () -> FeatureFiles.read(tmp.resolve("features.npy"), tmp.resolve("labels.npy"), "x"));
        assertEquals(tmp.resolve("features.npy") + ": features must be float32 or float64, got INT32", e.getMessage());
    }
}
