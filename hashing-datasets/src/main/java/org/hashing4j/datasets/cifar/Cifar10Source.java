package org.hashing4j.datasets.cifar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.DatasetSource;
import org.hashing4j.datasets.locate.Downloader;
import org.hashing4j.datasets.locate.RemoteFile;

/**
 * Where CIFAR-10 lies and how to fetch it. Two layouts are accepted:
 * <ul>
 *   <li>the official binary version: {@code data_batch_1.bin} … {@code data_batch_5.bin} and
 *       {@code test_batch.bin}, in the folder, in its {@code cifar-10-batches-bin} subfolder, or in
 *       {@code cifar10/…};</li>
 *   <li>DL4J's PNG layout: {@code train/<class>/*.png} and {@code test/<class>/*.png} (what DL4J's
 *       own CIFAR-10 fetcher leaves in {@code ~/.deeplearning4j/data/cifar10}).</li>
 * </ul>
 * The download is the official binary archive, checked against the MD5 the dataset's page
 * publishes, then extracted into a temporary folder that is renamed into place only when complete.
 */
public final class Cifar10Source implements DatasetSource {
    public static final String NAME = "cifar10";
    public static final String BATCH_FOLDER = "cifar-10-batches-bin";
    public static final List<String> TRAIN_BATCHES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_BATCH = "test_batch.bin";

    /** The official archive and the MD5 published on the CIFAR page. */
    public static final RemoteFile ARCHIVE = new RemoteFile("cifar-10-binary.tar.gz",
            Map.of("MD5", "c32a1d4ab5d03f1284b67883e8d87530"), null, 170_052_171);
    public static final List<String> MIRRORS = List.of("https://www.cs.toronto.edu/~kriz/");

    /** The two on-disk layouts. */
    public enum Layout { BINARY, PNG }

    private final List<String> mirrors;
    private final RemoteFile archive;

    public Cifar10Source() {
        this(MIRRORS, ARCHIVE);
    }

    /** Another mirror or archive (tests use local files). */
    public Cifar10Source(List<String> mirrors, RemoteFile archive) {
        this.mirrors = List.copyOf(mirrors);
        this.archive = archive;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Which layout a folder {@link #findIn} returned has. */
    public static Layout layoutOf(Path folder) {
        return binaryMissing(folder).isEmpty() ? Layout.BINARY : Layout.PNG;
    }

    @Override
    public Optional<Path> findIn(Path dir) {
        for (Path f : candidates(dir)) {
            if (binaryMissing(f).isEmpty() || isPngLayout(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates(Path dir) {
        return List.of(dir, dir.resolve(BATCH_FOLDER), dir.resolve(NAME), dir.resolve(NAME).resolve(BATCH_FOLDER));
    }

    private static List<String> binaryMissing(Path folder) {
        List<String> missing = new ArrayList<>();
        for (String b : TRAIN_BATCHES) {
            if (!Files.isRegularFile(folder.resolve(b))) {
                missing.add(b);
            }
        }
        if (!Files.isRegularFile(folder.resolve(TEST_BATCH))) {
            missing.add(TEST_BATCH);
        }
        return missing;
    }

    private static boolean isPngLayout(Path folder) {
        return hasClassFolders(folder.resolve("train")) && hasClassFolders(folder.resolve("test"));
    }

    private static boolean hasClassFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
            return s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> missingIn(Path dir) {
        // name only what is missing where the files are: the candidate folder holding some of the six
        // batches (dir itself or its cifar-10-batches-bin), not all six of a folder that holds none
        for (Path c : candidates(dir)) {
            List<String> m = binaryMissing(c);
            if (m.size() < TRAIN_BATCHES.size() + 1) {
                List<String> named = new ArrayList<>();
                for (String f : m) {
                    named.add(dir.equals(c) ? f : dir.relativize(c).resolve(f).toString());
                }
                return named;
            }
        }
        List<String> m = new ArrayList<>(binaryMissing(dir));
        m.add("(or train/<class>/*.png and test/<class>/*.png)");
        return m;
    }

    @Override
    public List<DataLocator.Place> systemPlaces(DataEnvironment env) {
        return List.of(new DataLocator.Place("DL4J cache", env.home().resolve(".deeplearning4j/data/cifar10")));
    }

    @Override
    public boolean downloadable() {
        return !mirrors.isEmpty();
    }

    @Override
    public void download(Path cacheDir, Downloader downloader) {
        Path target = cacheDir.resolve(archive.fileName());
        if (!Files.isRegularFile(target)) {
            downloader.download(mirrors, archive, target);
        }
        extract(target, cacheDir);
        try {
            Files.deleteIfExists(target); // 170 MB that are no longer needed
        } catch (IOException e) {
            // harmless: the extracted folder is complete
        }
    }

    /**
     * Extracts the six batch files of the archive into {@code cacheDir/cifar-10-batches-bin}. Only
     * regular files directly inside the archive's {@code cifar-10-batches-bin/} folder are written
     * (no path from the archive is trusted); the folder appears by a rename once all are written.
     */
    public static void extract(Path archiveFile, Path cacheDir) {
        Path finalDir = cacheDir.resolve(BATCH_FOLDER);
        Path tmp = null;
        try {
            Files.createDirectories(cacheDir);
            tmp = Files.createTempDirectory(cacheDir, "." + BATCH_FOLDER + ".");
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(archiveFile), 1 << 16);
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
                TarArchiveEntry e;
                while ((e = tar.getNextTarEntry()) != null) {
                    if (!e.isFile()) {
                        continue;
                    }
                    String[] parts = e.getName().split("/");
                    if (parts.length != 2 || !parts[0].equals(BATCH_FOLDER) || parts[1].startsWith(".")
                            || parts[1].contains("\\")) {
                        continue;
                    }
                    try (OutputStream out = Files.newOutputStream(tmp.resolve(parts[1]))) {
                        tar.transferTo(out);
                    }
                }
            }
            List<String> missing = binaryMissing(tmp);
            if (!missing.isEmpty()) {
                throw new HashingException(archiveFile + ": archive lacks " + BATCH_FOLDER + "/" + String.join(", ", missing));
            }
            for (String b : TRAIN_BATCHES) {
                CifarBinaryReader.recordCount(tmp.resolve(b)); // size check before it becomes visible
            }
            CifarBinaryReader.recordCount(tmp.resolve(TEST_BATCH));
            if (Files.exists(finalDir)) {
                deleteTree(finalDir); // an incomplete earlier copy (a complete one would have been found)
            }
            Files.move(tmp, finalDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new HashingException(archiveFile + ": cannot extract (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public String howToGet(Path cacheDir) {
        return "to get CIFAR-10: download " + (mirrors.isEmpty() ? MIRRORS.get(0) : mirrors.get(0)) + archive.fileName()
                + " (MD5 " + archive.digests().getOrDefault("MD5", "?") + ") and extract it into " + cacheDir
                + " (giving " + cacheDir.resolve(BATCH_FOLDER) + "/data_batch_1.bin ...), or into a folder given with"
                + " --data-dir or $" + DataEnvironment.DATA_VARIABLE + "/" + NAME
                + "; DL4J's PNG layout (train/<class>/*.png, test/<class>/*.png) works too";
    }

    /** Approximate download size. */
    public long downloadBytes() {
        return archive.approximateBytes();
    }
}
