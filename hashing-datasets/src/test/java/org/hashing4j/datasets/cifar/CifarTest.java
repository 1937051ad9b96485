package org.hashing4j.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.Downloader;
import org.hashing4j.datasets.locate.RemoteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    private DataLocator locator(boolean downloads) {
        return new DataLocator(DataEnvironment.of(downloads ? Map.of() : Map.of("HASHING_NO_DOWNLOAD", "1"),
                tmp.resolve("home"), tmp.resolve("system")), new Downloader(log::add, 1000, 1000));
    }

    @Test
    void readsRecordsAsChannelPlanes() throws IOException {
        Path f = tmp.resolve("b.bin");
        Files.write(f, CifarTestFiles.batch(4, 0));
        FeatureSet s = CifarBinaryReader.read(List.of(f, f), "x");
        assertEquals(8, s.size());
        assertEquals(3072, s.dimension());
        assertArrayEquals(new int[] {3, 32, 32}, s.imageShape());
        assertEquals(10 / 255f, s.features()[1][0]); // red plane first
        assertEquals(20 / 255f, s.features()[1][1024]);
        assertEquals(30 / 255f, s.features()[1][2048]);
        assertEquals(((1 + 5) % 256) / 255f, s.features()[1][5]);
        assertEquals(3, s.labels().classOf(1));
        assertEquals(3, s.labels().classOf(5));
    }

    @Test
    void wrongSizeAndBadLabelByteAreRejected() throws IOException {
        byte[] b = CifarTestFiles.batch(5, 0);
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(b, b.length - 100));
        HashingException e = assertThrows(HashingException.class, () -> CifarBinaryReader.read(List.of(cut), "x"));
        assertEquals(cut + ": 15265 bytes is not a whole number of 3073-byte CIFAR-10 records (4 records and 2973"
                + " extra bytes; truncated or not a CIFAR-10 binary batch)", e.getMessage());
        b[3 * CifarBinaryReader.RECORD] = 12;
        Path bad = tmp.resolve("bad.bin");
        Files.write(bad, b);
        HashingException l = assertThrows(HashingException.class, () -> CifarBinaryReader.read(List.of(bad), "x"));
        assertTrue(l.getMessage().startsWith(bad + ": record 3 (byte offset 9219) has label byte 12, expected 0..9"),
                l.getMessage());
        Path empty = tmp.resolve("empty.bin");
        Files.write(empty, new byte[0]);
        assertThrows(HashingException.class, () -> CifarBinaryReader.read(List.of(empty), "x"));
    }

    @Test
    void bothProtocolsOnBinaryBatches() throws IOException {
        Path dir = CifarTestFiles.writeBinary(tmp.resolve("data/cifar-10-batches-bin"), 1200, 100);
        RetrievalSplit two = Datasets.load("cifar10", "cifar10-2", 0, tmp.resolve("data"), locator(false));
        assertEquals(100, two.query().size());
        assertEquals(6000, two.database().size());
        assertSame(two.train().features(), two.database().features());
        assertEquals("airplane", two.classNames().get(0));
        RetrievalSplit s = Datasets.load("cifar10", "cifar10-1", 3, dir, locator(false));
        assertEquals(1000, s.query().size());
        assertEquals(5100, s.database().size());
        assertEquals(5000, s.train().size());
        assertArrayEquals(new int[] {3, 32, 32}, s.query().imageShape());
        java.util.Set<float[]> db = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        db.addAll(Arrays.asList(s.database().features()));
        for (float[] q : s.query().features()) {
            assertFalse(db.contains(q), "query in database");
        }
        for (float[] t : s.train().features()) {
            assertTrue(db.contains(t), "training image outside the database");
        }
    }

    @Test
    void cifar10MeansDeepHashPytorchsProtocol() throws IOException {
        // 6,100 images: 1,000 queries, 5,000 training, and the database is the other 100 (cifar10)
        // or those plus the training images (cifar10-1), with the same queries and training images.
        Path dir = CifarTestFiles.writeBinary(tmp.resolve("data/cifar-10-batches-bin"), 1200, 100);
        RetrievalSplit s = Datasets.load("cifar10", "cifar10", 3, dir, locator(false));
        RetrievalSplit one = Datasets.load("cifar10", "cifar10-1", 3, dir, locator(false));
        assertEquals(1000, s.query().size());
        assertEquals(5000, s.train().size());
        assertEquals(100, s.database().size());
        assertEquals(5100, one.database().size());
        assertArrayEquals(one.query().features()[7], s.query().features()[7]);
        java.util.Set<float[]> db = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        db.addAll(Arrays.asList(s.database().features()));
        for (float[] t : s.train().features()) {
            assertFalse(db.contains(t), "training image inside the cifar10 database");
        }
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("cifar10-1") && n.contains("59,000")), s.notes().toString());
        assertTrue(one.notes().isEmpty(), one.notes().toString());
    }

    @Test
    void dl4jPngLayout() throws IOException {
        Path root = tmp.resolve("png");
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF};
        for (int c = 0; c < 10; c++) {
            String cls = CifarBinaryReader.CLASS_NAMES.get(c);
            for (int k = 0; k < 2; k++) {
                CifarTestFiles.writePng(root.resolve("train/" + cls + "/" + k + ".png"), colours[c % 3], 32);
            }
            CifarTestFiles.writePng(root.resolve("test/" + cls + "/0.png"), colours[c % 3], 32);
        }
        // DL4J's own cache folder is searched too
        Path dl4j = tmp.resolve("home/.deeplearning4j/data/cifar10");
        Files.createDirectories(dl4j.getParent());
        Files.move(root, dl4j);
        assertEquals("DL4J cache", locator(false).find(new Cifar10Source(), null).orElseThrow().origin());
        RetrievalSplit s = Datasets.load("cifar10", "cifar10-2", 0, null, locator(false));
        assertEquals(10, s.query().size());
        assertEquals(20, s.database().size());
        assertArrayEquals(new int[] {3, 32, 32}, s.database().imageShape());
        FeatureSet db = s.database();
        for (int i = 0; i < db.size(); i++) {
            int c = db.labels().classOf(i);
            int channel = c % 3; // red → channel 0, green → 1, blue → 2
            assertEquals(1f, db.features()[i][channel * 1024 + 77], "class " + c);
            assertEquals(0f, db.features()[i][((channel + 1) % 3) * 1024 + 77]);
        }
        // a corrupt PNG is named
        Files.write(dl4j.resolve("test/cat/0.png"), "not a png".getBytes());
        HashingException e = assertThrows(HashingException.class,
                () -> Datasets.load("cifar10", "cifar10-2", 0, null, locator(false)));
        assertTrue(e.getMessage().startsWith(dl4j.resolve("test/cat/0.png") + ": not a decodable image"),
                e.getMessage());
    }

    private Path archive(Path file, boolean withEvil) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int k = 0; k < 5; k++) {
            entries.put("cifar-10-batches-bin/" + Cifar10Source.TRAIN_BATCHES.get(k), CifarTestFiles.batch(20, k));
        }
        entries.put("cifar-10-batches-bin/test_batch.bin", CifarTestFiles.batch(10, 9));
        entries.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        if (withEvil) {
            entries.put("../evil.bin", new byte[] {1});
            entries.put("cifar-10-batches-bin/../../evil2.bin", new byte[] {1});
        }
        CifarTestFiles.writeTarGz(file, entries);
        return file;
    }

    @Test
    void downloadVerifiesTheArchiveAndExtractsAtomically() throws IOException {
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        Path a = archive(mirror.resolve("cifar-10-binary.tar.gz"), true);
        String md5 = Downloader.fileDigest(a, "MD5");
        Cifar10Source src = new Cifar10Source(List.of("http://127.0.0.1:1/", mirror.toUri().toString()),
                new RemoteFile("cifar-10-binary.tar.gz", Map.of("MD5", md5), null, Files.size(a)));
        Path cache = tmp.resolve("home/.hashing4j/data/cifar10");
        Path found = locator(true).locate(src, null);
        assertEquals(cache.resolve("cifar-10-batches-bin"), found);
        assertEquals(20, CifarBinaryReader.recordCount(found.resolve("data_batch_3.bin")));
        assertTrue(Files.exists(found.resolve("batches.meta.txt")));
        assertFalse(Files.exists(cache.resolve("cifar-10-binary.tar.gz")), "archive removed after extraction");
        assertFalse(Files.exists(tmp.resolve("home/.hashing4j/data/evil.bin")));
        assertFalse(Files.exists(tmp.resolve("home/.hashing4j/evil2.bin")));
        try (var s = Files.list(cache)) {
            assertEquals(List.of(cache.resolve("cifar-10-batches-bin")), s.toList(), "no temporary leftovers");
        }
    }

    @Test
    void archiveWithWrongChecksumOrMissingBatchesIsRejected() throws IOException {
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        archive(mirror.resolve("cifar-10-binary.tar.gz"), false);
        Cifar10Source src = new Cifar10Source(List.of(mirror.toUri().toString()), Cifar10Source.ARCHIVE);
        HashingException e = assertThrows(HashingException.class, () -> locator(true).locate(src, null));
        String m = e.getMessage();
        assertTrue(m.contains("checksum mismatch for cifar-10-binary.tar.gz: MD5 "), m);
        assertTrue(m.contains("expected c32a1d4ab5d03f1284b67883e8d87530"), m);
        assertTrue(m.contains("extract it into " + tmp.resolve("home/.hashing4j/data/cifar10")), m);
        assertFalse(Files.exists(tmp.resolve("home/.hashing4j/data/cifar10/cifar-10-binary.tar.gz")));

        Path partial = tmp.resolve("partial.tar.gz");
        CifarTestFiles.writeTarGz(partial, Map.of("cifar-10-batches-bin/data_batch_1.bin", CifarTestFiles.batch(2, 0)));
        Path cache = tmp.resolve("c2");
        HashingException p = assertThrows(HashingException.class, () -> Cifar10Source.extract(partial, cache));
        assertTrue(p.getMessage().contains("archive lacks cifar-10-batches-bin/data_batch_2.bin"), p.getMessage());
        assertFalse(Files.exists(cache.resolve("cifar-10-batches-bin")));
        try (var s = Files.list(cache)) {
            assertEquals(0, s.count(), "temporary folder removed");
        }
    }

    @Test
    void aMissingBatchFileIsNamedAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("partial/cifar-10-batches-bin"));
        for (String b : Cifar10Source.TRAIN_BATCHES) {
            if (!b.equals("data_batch_4.bin")) {
                Files.write(dir.resolve(b), CifarTestFiles.batch(2, 0));
            }
        }
        Files.write(dir.resolve(Cifar10Source.TEST_BATCH), CifarTestFiles.batch(2, 0));
        assertEquals(List.of("data_batch_4.bin"), new Cifar10Source().missingIn(dir));
        assertEquals(List.of("cifar-10-batches-bin/data_batch_4.bin"),
                new Cifar10Source().missingIn(tmp.resolve("partial")));
    }
}
