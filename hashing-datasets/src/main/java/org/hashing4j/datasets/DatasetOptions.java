package org.hashing4j.datasets;

import java.nio.file.Path;

/**
 * Options of {@link Datasets#load(String, String, long, Path, DatasetOptions)} beyond the dataset,
 * protocol, seed and folder.
 *
 * @param skipMissing drop list entries whose image file is missing or unreadable (and note how many
 *                    in the split) instead of failing
 * @param imageRoot   folder that the image paths of list files are relative to; null for the
 *                    folder holding the list files
 */
public record DatasetOptions(boolean skipMissing, Path imageRoot) {
    /** No skipping, images next to the list files. */
    public static final DatasetOptions DEFAULT = new DatasetOptions(false, null);
}
