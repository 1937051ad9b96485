package org.hashing4j.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.hashing4j.core.HashingException;
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

    /**
     * The mAP cut-off the dataset's usual protocol reports (e.g. 5000 for NUS-WIDE, 1000 for
     * ImageNet-100), or empty for mAP over the whole database.
     */
    default OptionalInt defaultTopK() {
        return OptionalInt.empty();
    }

    /** Protocol names, the first being the default. */
    List<String> protocols();

    /** Whether {@code protocol} names a protocol of this dataset (some take parameters, e.g. sampled:Q:T). */
    default boolean acceptsProtocol(String protocol) {
        return protocols().contains(protocol);
    }

    /**
     * Refuses a protocol this dataset does not know, with a one-line error that lists the known
     * ones; what {@link #load} calls first.
     */
    default void requireProtocol(String protocol) {
        if (protocol == null || !acceptsProtocol(protocol)) {
            throw new HashingException("unknown protocol '" + protocol + "' for " + name() + " (known: "
                    + String.join(", ", protocols()) + ")");
        }
    }

    /** Loads the split; {@code dataDir} is the user's explicit folder or null. */
    RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator);

    /**
     * Loads the split with options; datasets that have no use for them (e.g. IDX files) ignore
     * them.
     */
    default RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator,
            DatasetOptions options) {
        return load(protocol, seed, dataDir, locator);
    }

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
