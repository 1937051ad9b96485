package org.hashing4j.datasets;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.datasets.locate.DataLocator;

/**
 * One named dataset that {@link Datasets#load} can build splits of: which protocols it knows, how to
 * load a split, and whether (and where) its files are present.
 */
public interface DatasetProvider {
    /** The name used on the command line and in configs, e.g. {@code fashion-mnist}. */
    String name();

    /** One line describing the dataset. */
    String description();

    /** Protocol names, the first being the default. */
    List<String> protocols();

    /** Loads the split; {@code dataDir} is the user's explicit folder or null. */
    RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator);

    /** Whether the files are present and where, without downloading anything. */
    DatasetStatus status(Path dataDir, DataLocator locator);

    /**
     * Checks the files in a folder {@link #status} reported against the known checksums; one line
     * per file. Datasets without known checksums say so.
     */
    default List<String> verify(Path folder) {
        return List.of(name() + ": no checksums known");
    }
}
