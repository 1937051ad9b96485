package org.hashing4j.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.cifar.Cifar10Provider;
import org.hashing4j.datasets.features.FeaturesDataset;
import org.hashing4j.datasets.folder.ImageFolderDataset;
import org.hashing4j.datasets.listfile.ListFileDataset;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.mnist.IdxDataset;
import org.hashing4j.datasets.mnist.MnistFamilyProvider;

/**
 * The entry point for named datasets: {@code Datasets.load("fashion-mnist", "standard", seed, null)}
 * finds (or downloads) the files and returns the retrieval split of the protocol. Adding a dataset
 * is one {@link #register} line in the static block.
 */
public final class Datasets {
    private static final Map<String, DatasetProvider> PROVIDERS = new LinkedHashMap<>();

    static {
        register(new MnistFamilyProvider(IdxDataset.FASHION_MNIST));
        register(new MnistFamilyProvider(IdxDataset.MNIST));
        register(new Cifar10Provider());
        register(ListFileDataset.nusWide21());
        register(ListFileDataset.imagenet100());
        register(ListFileDataset.coco());
        register(ListFileDataset.generic());
        register(new ImageFolderDataset());
        register(new FeaturesDataset());
    }

    private Datasets() {
    }

    private static void register(DatasetProvider p) {
        PROVIDERS.put(p.name(), p);
    }

    /** Known dataset names, in registration order. */
    public static List<String> names() {
        return List.copyOf(PROVIDERS.keySet());
    }

    /** The provider of a dataset, or an error listing the known names. */
    public static DatasetProvider provider(String dataset) {
        DatasetProvider p = dataset == null ? null : PROVIDERS.get(dataset);
        if (p == null) {
            throw new HashingException("unknown dataset '" + dataset + "' (known: " + String.join(", ", names()) + ")");
        }
        return p;
    }

    /**
     * Loads a retrieval split.
     *
     * @param dataset       a name from {@link #names()}
     * @param protocol      one of the dataset's protocols, or null for its default (the first)
     * @param seed          seed of the protocol's random draws
     * @param dataDirOrNull explicit data folder ({@code --data-dir}) or null to search the usual places
     */
    public static RetrievalSplit load(String dataset, String protocol, long seed, Path dataDirOrNull) {
        return load(dataset, protocol, seed, dataDirOrNull, DataLocator.system());
    }

    /** {@link #load(String, String, long, Path)} with options (e.g. skip missing images). */
    public static RetrievalSplit load(String dataset, String protocol, long seed, Path dataDirOrNull,
            DatasetOptions options) {
        return load(dataset, protocol, seed, dataDirOrNull, DataLocator.system(), options);
    }

    /** {@link #load(String, String, long, Path)} with a given locator (tests, other environments). */
    public static RetrievalSplit load(String dataset, String protocol, long seed, Path dataDirOrNull,
            DataLocator locator) {
        return load(dataset, protocol, seed, dataDirOrNull, locator, DatasetOptions.DEFAULT);
    }

    /** The fully explicit form. */
    public static RetrievalSplit load(String dataset, String protocol, long seed, Path dataDirOrNull,
            DataLocator locator, DatasetOptions options) {
        DatasetProvider p = provider(dataset);
        String proto = protocol == null ? p.protocols().get(0) : protocol;
        if (!p.acceptsProtocol(proto)) {
            throw new HashingException("unknown protocol '" + proto + "' for dataset " + dataset + " (known: "
                    + String.join(", ", p.protocols()) + ")");
        }
        return p.load(proto, seed, dataDirOrNull, locator, options == null ? DatasetOptions.DEFAULT : options);
    }

    /** Status of every known dataset (nothing is downloaded). */
    public static List<DatasetStatus> statuses(Path dataDirOrNull, DataLocator locator) {
        List<DatasetStatus> out = new ArrayList<>();
        for (DatasetProvider p : PROVIDERS.values()) {
            out.add(p.status(dataDirOrNull, locator));
        }
        return out;
    }

    /** What {@code hashing datasets} prints: each dataset, found where, or how to get it. */
    public static String describeAvailable() {
        return describeAvailable(null, DataLocator.system());
    }

    /** {@link #describeAvailable()} for an explicit folder and locator. */
    public static String describeAvailable(Path dataDirOrNull, DataLocator locator) {
        StringBuilder s = new StringBuilder();
        for (DatasetStatus st : statuses(dataDirOrNull, locator)) {
            s.append(st.name()).append(" - ").append(st.description()).append('\n');
            s.append("  protocols: ").append(String.join(", ", st.protocols())).append('\n');
            if (st.found()) {
                s.append("  found:     ").append(st.foundAt()).append(" (").append(st.origin()).append(")\n");
            } else {
                s.append("  missing:   ").append(st.note()).append('\n');
            }
            if (!st.note().isEmpty() && st.found()) {
                s.append("  note:      ").append(st.note()).append('\n');
            }
            if (!st.searched().isEmpty()) {
                s.append("  searched:  ");
                for (int i = 0; i < st.searched().size(); i++) {
                    s.append(i == 0 ? "" : ", ").append(st.searched().get(i));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }
}
