package org.hashing4j.datasets.locate;

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
import java.util.stream.Stream;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.idx.IdxTestFiles;
import org.hashing4j.datasets.mnist.IdxDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    private DataLocator locator(Map<String, String> vars) {
        return new DataLocator(DataEnvironment.of(vars, tmp.resolve("home"), tmp.resolve("system")),
                new Downloader(log::add, 1000, 1000));
    }

    private Path dataset(Path dir) throws IOException {
        IdxTestFiles.writeDataset(dir, 2, 1, 3, true);
        return dir;
    }

    @Test
    void searchOrderIsExplicitThenEnvironmentThenSystemThenCache() throws IOException {
        IdxDataset fm = IdxDataset.FASHION_MNIST;
        Path explicit = dataset(tmp.resolve("explicit"));
        Path envRoot = tmp.resolve("envroot");
        dataset(envRoot.resolve("fashion-mnist"));
        Path system = dataset(tmp.resolve("system/fashion-mnist"));
        Path cache = dataset(tmp.resolve("home/.hashing4j/data/fashion-mnist"));
        Map<String, String> env = Map.of("HASHING_DATA", envRoot.toString());

        DataLocator loc = locator(env);
        assertEquals(List.of("--data-dir", "$HASHING_DATA", "system package", "cache"),
                loc.places(fm, explicit).stream().map(DataLocator.Place::origin).toList());
        assertEquals(explicit, loc.locate(fm, explicit));
        assertEquals("--data-dir", loc.find(fm, explicit).orElseThrow().origin());
        assertEquals(envRoot.resolve("fashion-mnist"), loc.locate(fm, null));
        assertEquals(system, locator(Map.of()).locate(fm, null));
        deleteTree(system);
        assertEquals(cache, locator(Map.of()).locate(fm, null));
        assertEquals("cache", locator(Map.of()).find(fm, null).orElseThrow().origin());
        // $HASHING_DATA may also point straight at the dataset's folder
        assertEquals(cache, locator(Map.of("HASHING_DATA", cache.toString())).locate(fm, null));
        // MNIST has no system package: its places are the explicit folder, $HASHING_DATA, the cache
        assertEquals(List.of("$HASHING_DATA", "cache"),
                loc.places(IdxDataset.MNIST, null).stream().map(DataLocator.Place::origin).toList());
        assertTrue(log.isEmpty(), "nothing downloaded: " + log);
    }

    @Test
    void plainAndDottedFileNamesAreFoundToo() throws IOException {
        Path dir = tmp.resolve("plain");
        IdxTestFiles.writeDataset(dir, 1, 1, 2, false);
        Files.move(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-images.idx3-ubyte"));
        assertEquals(dir, locator(Map.of()).locate(IdxDataset.FASHION_MNIST, dir));
        assertEquals(dir.resolve("t10k-images.idx3-ubyte"), IdxDataset.file(dir, IdxDataset.TEST_IMAGES));
    }

    @Test
    void explicitFolderWithoutTheDataIsAnErrorNotAFallback() throws IOException {
        dataset(tmp.resolve("home/.hashing4j/data/fashion-mnist"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.write(empty.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});
        HashingException e = assertThrows(HashingException.class,
                () -> locator(Map.of()).locate(IdxDataset.FASHION_MNIST, empty));
        String m = e.getMessage();
        assertTrue(m.contains("not found in --data-dir " + empty), m);
        assertTrue(m.contains("train-labels-idx1-ubyte(.gz)"), m);
        assertFalse(m.contains("train-images-idx3-ubyte(.gz),"), m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void failedDownloadSaysExactlyHowToGetTheData() {
        IdxDataset unreachable = IdxDataset.FASHION_MNIST.withMirrors(List.of("http://127.0.0.1:1/fashion/"));
        HashingException e = assertThrows(HashingException.class, () -> locator(Map.of()).locate(unreachable, null));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        Path cache = tmp.resolve("home/.hashing4j/data/fashion-mnist");
        assertTrue(m.contains("fashion-mnist not found"), m);
        assertTrue(m.contains("$HASHING_DATA (not set)"), m);
        assertTrue(m.contains(tmp.resolve("system/fashion-mnist") + " (no such folder)"), m);
        assertTrue(m.contains("the download failed"), m);
        assertTrue(m.contains("http://127.0.0.1:1/fashion/train-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("sudo apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
                + " t10k-labels-idx1-ubyte.gz"), m);
        assertTrue(m.contains("into " + cache), m);
        assertTrue(m.contains("--data-dir"), m);
        assertNoPartialFiles(cache);
    }

    @Test
    void downloadsCanBeSwitchedOff() {
        HashingException e = assertThrows(HashingException.class,
                () -> locator(Map.of("HASHING_NO_DOWNLOAD", "1")).locate(IdxDataset.MNIST, null));
        assertTrue(e.getMessage().contains("downloads are off ($HASHING_NO_DOWNLOAD)"), e.getMessage());
        assertTrue(e.getMessage().contains("https://ossci-datasets.s3.amazonaws.com/mnist/"), e.getMessage());
        assertTrue(log.isEmpty());
    }

    /** A local "mirror" (file: URLs) holding files whose checksums the test computed. */
    private IdxDataset localMirror(Path mirror, boolean corruptOne, boolean recompressed) throws IOException {
        IdxTestFiles.writeDataset(mirror, 2, 1, 3, true);
        List<RemoteFile> files = new ArrayList<>();
        for (String logical : List.of(IdxDataset.TRAIN_IMAGES, IdxDataset.TRAIN_LABELS, IdxDataset.TEST_IMAGES,
                IdxDataset.TEST_LABELS)) {
            Path f = mirror.resolve(logical + ".gz");
            String sha = Downloader.fileDigest(f, "SHA-256");
            String content = Downloader.contentSha256(f);
            if (recompressed && logical.equals(IdxDataset.TRAIN_IMAGES)) {
                sha = "0".repeat(64); // the mirror's gzip differs; only the content digest can match
            }
            if (corruptOne && logical.equals(IdxDataset.TEST_LABELS)) {
                Files.write(f, IdxTestFiles.gzip("tampered".getBytes()));
            }
            files.add(new RemoteFile(logical + ".gz", Map.of("SHA-256", sha), content, Files.size(f)));
        }
        return IdxDataset.FASHION_MNIST.withMirrors(List.of("http://127.0.0.1:1/unreachable/", mirror.toUri().toString()))
                .withRemoteFiles(files);
    }

    @Test
    void downloadGoesToTheCacheWithVerifiedChecksums() throws IOException {
        IdxDataset ds = localMirror(tmp.resolve("mirror"), false, true);
        Path cache = tmp.resolve("home/.hashing4j/data/fashion-mnist");
        assertEquals(cache, locator(Map.of()).locate(ds, null));
        for (RemoteFile f : ds.remoteFiles()) {
            assertEquals(f.contentSha256(), Downloader.contentSha256(cache.resolve(f.fileName())));
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("127.0.0.1:1") && l.contains("failed")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("checksum ok")), log.toString());
        assertNoPartialFiles(cache);
        // second time: found in the cache, nothing downloaded
        log.clear();
        assertEquals("cache", locator(Map.of()).find(ds, null).orElseThrow().origin());
        assertEquals(cache, locator(Map.of()).locate(ds, null));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws IOException {
        IdxDataset ds = localMirror(tmp.resolve("mirror"), true, false);
        HashingException e = assertThrows(HashingException.class, () -> locator(Map.of()).locate(ds, null));
        assertTrue(e.getMessage().contains("checksum mismatch for t10k-labels-idx1-ubyte.gz"), e.getMessage());
        Path cache = tmp.resolve("home/.hashing4j/data/fashion-mnist");
        assertFalse(Files.exists(cache.resolve("t10k-labels-idx1-ubyte.gz")));
        assertTrue(Files.exists(cache.resolve("train-images-idx3-ubyte.gz")), "verified files are kept");
        assertNoPartialFiles(cache);
    }

    private static void assertNoPartialFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> partial = s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertTrue(partial.isEmpty(), "partial downloads left: " + partial);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void sourcesWithoutMirrorsAreNotDownloadableAndSayHowToGetTheData() {
        for (DatasetSource source : List.<DatasetSource>of(new org.hashing4j.datasets.features.FeaturesDataset(),
                new org.hashing4j.datasets.folder.ImageFolderDataset())) {
            assertFalse(source.downloadable(), source.name());
            Path cache = tmp.resolve("cache");
            HashingException e = assertThrows(HashingException.class,
                    () -> source.download(cache, new Downloader(log::add, 1000, 1000)));
            assertEquals(source.name() + " cannot be downloaded automatically; " + source.howToGet(cache),
                    e.getMessage());
        }
    }
}
