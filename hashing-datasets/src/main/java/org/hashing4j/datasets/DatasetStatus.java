package org.hashing4j.datasets;

import java.nio.file.Path;
import java.util.List;

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
}
