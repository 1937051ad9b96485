package org.hashing4j.datasets.locate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hashing4j.core.HashingException;

/**
 * How one dataset lies on disk and how to get it: the files that make it complete, the system
 * folders a package installs it to, and how to download it. The {@link DataLocator} decides where
 * to look; a source only answers "is it here?" for one folder.
 */
public interface DatasetSource {
    /** The dataset name, also the name of its subfolder under {@code $HASHING_DATA} and the cache. */
    String name();

    /**
     * The folder that holds the complete dataset when {@code dir} is its folder or the parent of a
     * folder named {@link #name()} (or of a layout-specific subfolder), else empty. By default:
     * {@code dir} or {@code dir/name()}, whichever {@link #missingIn} finds complete first.
     */
    default Optional<Path> findIn(Path dir) {
        for (Path folder : List.of(dir, dir.resolve(name()))) {
            if (missingIn(folder).isEmpty()) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** Which required files are missing in {@code dir}, for messages (empty when complete). */
    List<String> missingIn(Path dir);

    /**
     * Folders outside this project where the dataset is commonly installed (e.g. Debian's package
     * folder, DL4J's own cache), with a label saying what they are; possibly none.
     */
    List<DataLocator.Place> systemPlaces(DataEnvironment env);

    /**
     * Whether {@link #download} can fetch it. Not by default: most sources (the user's own features,
     * image folders, list-file datasets) must be obtained by hand; sources with mirrors override
     * this and {@link #download}.
     */
    default boolean downloadable() {
        return false;
    }

    /**
     * Downloads the dataset into {@code cacheDir} (its own folder), verified and atomically. By
     * default there is nothing to download: it throws a one-line error that says how to get the
     * data instead ({@link #howToGet}).
     */
    default void download(Path cacheDir, Downloader downloader) {
        throw new HashingException(name() + " cannot be downloaded automatically; " + howToGet(cacheDir));
    }

    /** One sentence telling a user how to get the data and where to put it. */
    String howToGet(Path cacheDir);
}
