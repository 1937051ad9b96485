package org.hashing4j.datasets.mnist;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.datasets.DatasetProvider;
import org.hashing4j.datasets.DatasetStatus;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.SplitBuilder;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.RemoteFile;

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
        requireProtocol(protocol);
        Path dir = locator.locate(source, dataDir);
        FeatureSet train = source.readTrain(dir);
        FeatureSet test = source.readTest(dir);
        RetrievalSplit split = protocol.equals(STANDARD)
                ? SplitBuilder.fixed(name(), protocol, seed, train, test, source.classNames(), null)
                : SplitBuilder.sampled(name(), protocol, seed, train, test, QUERIES_PER_CLASS, TRAIN_PER_CLASS,
                        source.classNames(), null);
        source.checksums(dir).forEach(split::addChecksum);
        return split;
    }

    @Override
    public List<String> verify(Path folder) {
        return source.verify(folder);
    }

    @Override
    public DatasetStatus status(Path dataDir, DataLocator locator) {
        long bytes = source.remoteFiles().stream().mapToLong(RemoteFile::approximateBytes).sum();
        return DatasetStatus.probe(this, source, dataDir, locator, bytes);
    }
}
