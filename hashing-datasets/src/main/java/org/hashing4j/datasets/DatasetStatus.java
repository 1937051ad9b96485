package org.hashing4j.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.DatasetSource;

/**
 * What {@code hashing datasets} shows for one dataset.
 *
 * @param name        dataset name
 * @param description one line
 * @param protocols   protocol names
 * @param foundAt     folder holding the data, or null when not found
 * @param origin      where {@code foundAt} came from ("--data-dir", "$HASHING_DATA", "system
 *                    package", "cache"), or null
 * @param note        when missing: how to get it; when found: e.g. whether it will be downloaded
 *                    or checksum results; may be empty
 * @param searched    the folders that were searched, in order
 */
public record DatasetStatus(String name, String description, List<String> protocols, Path foundAt, String origin,
        String note, List<Path> searched) {
    public boolean found() {
        return foundAt != null;
    }

    /**
     * Looks for a provider's files without downloading and describes the result.
     *
     * @param downloadBytes approximate download size for the note, 0 when unknown
     */
    public static DatasetStatus probe(DatasetProvider provider, DatasetSource source, Path dataDir, DataLocator locator,
            long downloadBytes) {
        List<Path> searched = new ArrayList<>();
        locator.places(source, dataDir).forEach(p -> searched.add(p.dir()));
        Path cache = locator.cacheDir(source.name());
        try {
            Optional<DataLocator.Found> found = locator.find(source, dataDir);
            if (found.isPresent()) {
                return new DatasetStatus(provider.name(), provider.description(), provider.protocols(),
                        found.get().dir(), found.get().origin(), "", searched);
            }
        } catch (HashingException e) {
            return new DatasetStatus(provider.name(), provider.description(), provider.protocols(), null, null,
                    e.getMessage(), searched);
        }
        String note;
        if (!source.downloadable()) {
            note = source.howToGet(cache);
        } else if (locator.environment().downloadsAllowed()) {
            note = String.format(Locale.ROOT, "will be downloaded into %s on first use (%.0f MB); ", cache,
                    downloadBytes / 1e6) + source.howToGet(cache);
        } else {
            note = "downloads are off; " + source.howToGet(cache);
        }
        return new DatasetStatus(provider.name(), provider.description(), provider.protocols(), null, null, note,
                searched);
    }
}
