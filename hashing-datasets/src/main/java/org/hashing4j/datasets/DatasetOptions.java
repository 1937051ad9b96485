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
 * @param allowAbsolutePaths accept absolute image paths in list files that lie outside the image root
 *                    (for users who keep images elsewhere); relative paths must always stay inside it
 */
public record DatasetOptions(boolean skipMissing, Path imageRoot, boolean allowAbsolutePaths) {
    /** No skipping, images next to the list files, all inside that folder. */
    public static final DatasetOptions DEFAULT = new DatasetOptions(false, null, false);

    /** Options with absolute paths outside the root refused. */
    public DatasetOptions(boolean skipMissing, Path imageRoot) {
        this(skipMissing, imageRoot, false);
    }
}
