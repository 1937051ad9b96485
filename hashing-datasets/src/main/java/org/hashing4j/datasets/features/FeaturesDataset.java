package org.hashing4j.datasets.features;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.DatasetProvider;
import org.hashing4j.datasets.DatasetStatus;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.DatasetSource;
import org.hashing4j.datasets.split.ProtocolName;
import org.hashing4j.datasets.split.SplitIndices;
import org.hashing4j.datasets.split.Splits;

/**
 * Precomputed features a user brings from anywhere, in a folder ({@code --data-dir}):
 * <ul>
 *   <li>protocol {@code given}: {@code train.npy}, {@code query.npy}, {@code database.npy} (n × d
 *       float32) with optional {@code train_labels.npy|.txt}, {@code query_labels…},
 *       {@code database_labels…};</li>
 *   <li>protocol {@code sampled} or {@code sampled:Q:T}: one pool {@code features.npy} with
 *       {@code labels.npy|.txt} (single-label), split with the seed into Q queries per class (100),
 *       the rest as database, T training items per class from the database (500).</li>
 * </ul>
 */
public final class FeaturesDataset implements DatasetProvider, DatasetSource {
    public static final String NAME = "features";
    public static final String GIVEN = "given";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Precomputed features: train/query/database.npy (+ _labels.npy|.txt), or features.npy + labels";
    }

    @Override
    public List<String> protocols() {
        return List.of(GIVEN, ProtocolName.SAMPLED);
    }

    @Override
    public boolean acceptsProtocol(String protocol) {
        return protocol.equals(GIVEN) || ProtocolName.isSampled(protocol);
    }

    @Override
    public RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator) {
        if (!protocol.equals(GIVEN) && !ProtocolName.isSampled(protocol)) {
            throw new HashingException("unknown protocol '" + protocol + "' for features (known: given, sampled,"
                    + " sampled:Q:T)");
        }
        if (dataDir == null) {
            throw new HashingException("the features dataset needs --data-dir (the folder with the .npy files)");
        }
        if (protocol.equals(GIVEN)) {
            FeatureSet[] s = new FeatureSet[3];
            String[] stems = {"train", "query", "database"};
            for (int k = 0; k < 3; k++) {
                Path f = dataDir.resolve(stems[k] + ".npy");
                if (!Files.isRegularFile(f)) {
                    throw new HashingException(dataDir + ": protocol 'given' needs train.npy, query.npy and database.npy"
                            + " (missing " + f.getFileName() + ")");
                }
                s[k] = FeatureFiles.read(f, FeatureFiles.labelsFor(dataDir, stems[k]), NAME + "/given/" + stems[k]);
            }
            if (s[0].dimension() != s[1].dimension() || s[1].dimension() != s[2].dimension()) {
                throw new HashingException(dataDir + ": feature dimensions differ (train " + s[0].dimension()
                        + ", query " + s[1].dimension() + ", database " + s[2].dimension() + ")");
            }
            return new RetrievalSplit(NAME, protocol, seed, s[0], s[1], s[2], List.of(), null);
        }
        ProtocolName p = ProtocolName.parseSampled(protocol);
        Path f = dataDir.resolve("features.npy");
        Path labels = FeatureFiles.labelsFor(dataDir, "features");
        if (!Files.isRegularFile(f) || labels == null) {
            throw new HashingException(dataDir + ": protocol '" + protocol + "' needs features.npy and labels.npy"
                    + " (or labels.txt)");
        }
        FeatureSet pool = FeatureFiles.read(f, labels, NAME + "/pool");
        SplitIndices idx = Splits.sampledPerClass(pool.labels(), p.queriesPerClass(), p.trainPerClass(), seed);
        String prefix = NAME + "/" + protocol + "/";
        return new RetrievalSplit(NAME, protocol, seed, pool.select(idx.train(), prefix + "train"),
                pool.select(idx.query(), prefix + "query"), pool.select(idx.database(), prefix + "database"),
                List.of(), null);
    }

    @Override
    public DatasetStatus status(Path dataDir, DataLocator locator) {
        if (dataDir == null) {
            return new DatasetStatus(NAME, description(), protocols(), null, null,
                    "pass --data-dir with your .npy files", List.of());
        }
        return DatasetStatus.probe(this, this, dataDir, locator, 0);
    }

    @Override
    public Optional<Path> findIn(Path dir) {
        return missingIn(dir).isEmpty() ? Optional.of(dir) : Optional.empty();
    }

    @Override
    public List<String> missingIn(Path dir) {
        if (Files.isRegularFile(dir.resolve("features.npy"))
                || (Files.isRegularFile(dir.resolve("train.npy")) && Files.isRegularFile(dir.resolve("query.npy"))
                && Files.isRegularFile(dir.resolve("database.npy")))) {
            return List.of();
        }
        return new ArrayList<>(List.of("features.npy (or train.npy, query.npy, database.npy)"));
    }

    @Override
    public List<DataLocator.Place> systemPlaces(DataEnvironment env) {
        return List.of();
    }

    @Override
    public String howToGet(Path cacheDir) {
        return "write your features as float32 .npy (features.npy + labels.npy/.txt, or train/query/database.npy with"
                + " *_labels) and pass the folder with --data-dir";
    }
}
