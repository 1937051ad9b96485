package org.hashing4j.datasets.locate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashing4j.core.HashingException;

/**
 * Finds a dataset on disk, in this order:
 * <ol>
 *   <li>an explicit folder ({@code --data-dir}): the folder itself or its subfolder named after
 *       the dataset. When the user names a folder and the data is not there, that is an error: we
 *       do not silently load a different copy from somewhere else;</li>
 *   <li>{@code $HASHING_DATA} (the folder itself, or {@code $HASHING_DATA/<dataset>});</li>
 *   <li>system folders of packages, e.g. Debian's {@code /usr/share/datasets/fashion-mnist};</li>
 *   <li>the per-user cache {@code ~/.hashing4j/data/<dataset>}.</li>
 * </ol>
 * If none has it, the dataset is downloaded into the cache (checksums verified) unless downloads
 * are off ({@code HASHING_NO_DOWNLOAD=1}); if that fails too, the error says exactly how to get it.
 */
public final class DataLocator {
    private final DataEnvironment env;
    private final Downloader downloader;

    public DataLocator(DataEnvironment env, Downloader downloader) {
        this.env = env;
        this.downloader = downloader;
    }

    /** The real environment and a downloader that logs to standard error. */
    public static DataLocator system() {
        return new DataLocator(DataEnvironment.system(), Downloader.standard());
    }

    public DataEnvironment environment() {
        return env;
    }

    /** A place searched for a dataset: where the path came from and the folder. */
    public record Place(String origin, Path dir) {
    }

    /** A dataset found on disk: where it came from and the folder that holds it. */
    public record Found(String origin, Path dir) {
    }

    /** The cache folder of a dataset, {@code ~/.hashing4j/data/<name>}. */
    public Path cacheDir(String dataset) {
        return env.cacheRoot().resolve(dataset);
    }

    /** The places searched, in order (the explicit folder first when given). */
    public List<Place> places(DatasetSource source, Path explicitDir) {
        List<Place> out = new ArrayList<>();
        if (explicitDir != null) {
            out.add(new Place("--data-dir", explicitDir));
        }
        Path root = env.dataRoot();
        if (root != null) {
            out.add(new Place("$" + DataEnvironment.DATA_VARIABLE, root));
        }
        out.addAll(source.systemPlaces(env));
        out.add(new Place("cache", cacheDir(source.name())));
        return out;
    }

    /** The first place that holds the complete dataset, without downloading. */
    public Optional<Found> find(DatasetSource source, Path explicitDir) {
        for (Place p : places(source, explicitDir)) {
            Optional<Path> dir = source.findIn(p.dir());
            if (dir.isPresent()) {
                return Optional.of(new Found(p.origin(), dir.get()));
            }
            if (explicitDir != null && p.dir().equals(explicitDir)) {
                throw new HashingException(source.name() + " not found in --data-dir " + explicitDir + " (missing "
                        + String.join(", ", source.missingIn(explicitDir)) + "); " + source.howToGet(explicitDir));
            }
        }
        return Optional.empty();
    }

    /**
     * The folder holding the dataset: found on disk, or downloaded into the cache. Throws a
     * one-line {@link HashingException} saying where it looked and how to get the data when both
     * fail.
     */
    public Path locate(DatasetSource source, Path explicitDir) {
        Optional<Found> found = find(source, explicitDir);
        if (found.isPresent()) {
            return found.get().dir();
        }
        Path cache = cacheDir(source.name());
        String looked = describePlaces(source, explicitDir);
        if (!source.downloadable()) {
            throw new HashingException(source.name() + " not found (looked in " + looked + "); "
                    + source.howToGet(cache));
        }
        if (!env.downloadsAllowed()) {
            throw new HashingException(source.name() + " not found (looked in " + looked + ") and downloads are off ($"
                    + DataEnvironment.NO_DOWNLOAD_VARIABLE + "); " + source.howToGet(cache));
        }
        try {
            source.download(cache, downloader);
        } catch (HashingException e) {
            throw new HashingException(source.name() + " not found (looked in " + looked + ") and the download failed ("
                    + e.getMessage() + "); " + source.howToGet(cache), e);
        }
        return source.findIn(cache).orElseThrow(() -> new HashingException(source.name()
                + ": download finished but " + cache + " is still missing "
                + String.join(", ", source.missingIn(cache))));
    }

    private String describePlaces(DatasetSource source, Path explicitDir) {
        List<String> parts = new ArrayList<>();
        for (Place p : places(source, explicitDir)) {
            parts.add(p.dir() + (Files.isDirectory(p.dir()) ? "" : " (no such folder)"));
        }
        if (env.dataRoot() == null) {
            parts.add(explicitDir == null ? 0 : 1, "$" + DataEnvironment.DATA_VARIABLE + " (not set)");
        }
        return String.join(", ", parts);
    }
}
