package org.hashing4j.datasets.mnist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.DatasetProvider;
import org.hashing4j.datasets.DatasetStatus;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.RemoteFile;
import org.hashing4j.datasets.split.SplitIndices;
import org.hashing4j.datasets.split.Splits;

/**
 * MNIST and Fashion-MNIST with their two protocols (METHODS.md):
 * <ul>
 *   <li>{@code standard}: queries = the 10,000 test images; database = training set = the 60,000
 *       training images;</li>
 *   <li>{@code sampled}: from the 70,000 images of both files, 100 queries per class drawn with the
 *       seed; the database is the other 69,000; 500 training images per class are drawn from the
 *       database.</li>
 * </ul>
 */
public final class MnistFamilyProvider implements DatasetProvider {
    public static final String STANDARD = "standard";
    public static final String SAMPLED = "sampled";
    public static final int QUERIES_PER_CLASS = 100;
    public static final int TRAIN_PER_CLASS = 500;

    private final IdxDataset source;

    public MnistFamilyProvider(IdxDataset source) {
        this.source = source;
    }

    public IdxDataset source() {
        return source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public String description() {
        return source.displayName() + ": 70,000 grey 28x28 images, 10 classes (IDX files)";
    }

    @Override
    public List<String> protocols() {
        return List.of(STANDARD, SAMPLED);
    }

    @Override
    public RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator) {
        if (!protocols().contains(protocol)) {
            throw new HashingException("unknown protocol '" + protocol + "' for " + name() + " (known: "
                    + String.join(", ", protocols()) + ")");
        }
        Path dir = locator.locate(source, dataDir);
        FeatureSet train = source.readTrain(dir);
        FeatureSet test = source.readTest(dir);
        String prefix = name() + "/" + protocol + "/";
        if (protocol.equals(STANDARD)) {
            FeatureSet trainSet = rename(train, prefix + "train");
            FeatureSet query = rename(test, prefix + "query");
            FeatureSet database = rename(train, prefix + "database");
            return new RetrievalSplit(name(), protocol, seed, trainSet, query, database, source.classNames(), null);
        }
        FeatureSet pool = concat(train, test, name() + "/train+test");
        SplitIndices idx = Splits.sampledPerClass(pool.labels(), QUERIES_PER_CLASS, TRAIN_PER_CLASS, seed);
        return new RetrievalSplit(name(), protocol, seed, pool.select(idx.train(), prefix + "train"),
                pool.select(idx.query(), prefix + "query"), pool.select(idx.database(), prefix + "database"),
                source.classNames(), null);
    }

    private static FeatureSet rename(FeatureSet s, String name) {
        return new FeatureSet(s.features(), s.labels(), s.imageShape(), name);
    }

    /** Rows of {@code a} then rows of {@code b} (shared, not copied). */
    static FeatureSet concat(FeatureSet a, FeatureSet b, String name) {
        float[][] rows = new float[a.size() + b.size()][];
        System.arraycopy(a.features(), 0, rows, 0, a.size());
        System.arraycopy(b.features(), 0, rows, a.size(), b.size());
        int[] labels = new int[rows.length];
        for (int i = 0; i < a.size(); i++) {
            labels[i] = a.labels().classOf(i);
        }
        for (int i = 0; i < b.size(); i++) {
            labels[a.size() + i] = b.labels().classOf(i);
        }
        return new FeatureSet(rows, Labels.singleLabel(labels), a.imageShape(), name);
    }

    @Override
    public List<String> verify(Path folder) {
        return source.verify(folder);
    }

    @Override
    public DatasetStatus status(Path dataDir, DataLocator locator) {
        List<Path> searched = new ArrayList<>();
        locator.places(source, dataDir).forEach(p -> searched.add(p.dir()));
        Path cache = locator.cacheDir(name());
        try {
            Optional<DataLocator.Found> found = locator.find(source, dataDir);
            if (found.isPresent()) {
                return new DatasetStatus(name(), description(), protocols(), found.get().dir(), found.get().origin(),
                        "", searched);
            }
        } catch (HashingException e) {
            return new DatasetStatus(name(), description(), protocols(), null, null, e.getMessage(), searched);
        }
        long bytes = source.remoteFiles().stream().mapToLong(RemoteFile::approximateBytes).sum();
        String note = (locator.environment().downloadsAllowed()
                ? String.format(Locale.ROOT, "will be downloaded into %s on first use (%.0f MB); ", cache, bytes / 1e6)
                : "downloads are off; ") + source.howToGet(cache);
        return new DatasetStatus(name(), description(), protocols(), null, null, note, searched);
    }
}
