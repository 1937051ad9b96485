package org.hashing4j.datasets.cifar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.DatasetProvider;
import org.hashing4j.datasets.DatasetStatus;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.SplitBuilder;
import org.hashing4j.datasets.folder.ClassFolders;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.image.ImageSets;
import org.hashing4j.datasets.locate.DataLocator;

/**
 * CIFAR-10 (60,000 colour 32×32 images, 10 classes) with the protocols of METHODS.md, named and
 * defined as DeepHash-pytorch names them, so that figures compare across the toolkits:
 * <ul>
 *   <li>{@code cifar10}: 100 queries per class drawn from the 60,000 training and test images,
 *       500 training images per class drawn from the rest, and the database is what is left
 *       (1,000 / 5,000 / 54,000);</li>
 *   <li>{@code cifar10-1}: the same queries and training images, but the database keeps the
 *       training images (1,000 / 5,000 / 59,000). Before hashing4j 0.2 this was called
 *       {@code cifar10}; a split loaded as {@code cifar10} carries a note saying so;</li>
 *   <li>{@code cifar10-2}: the 10,000 test images are the queries, the 50,000 training images are
 *       the database and the training set.</li>
 * </ul>
 * Pixels are held in memory (60,000 × 3,072 floats, about 740 MB).
 */
public final class Cifar10Provider implements DatasetProvider {
    /** DeepHash-pytorch's {@code cifar10}: training images are not in the database (54,000). */
    public static final String SAMPLED = "cifar10";
    /** DeepHash-pytorch's {@code cifar10-1}: training images are in the database (59,000). */
    public static final String SAMPLED_TRAIN_IN_DATABASE = "cifar10-1";
    public static final String TEST_QUERIES = "cifar10-2";
    /** The one-line note of a split loaded under the name whose meaning changed. */
    public static final String RENAMED_NOTE = "protocol cifar10 now means DeepHash-pytorch's cifar10 (database of"
            + " 54,000 without the training images); configs and models from before hashing4j 0.2 that say cifar10"
            + " meant today's cifar10-1 (database of 59,000)";
    public static final int QUERIES_PER_CLASS = 100;
    public static final int TRAIN_PER_CLASS = 500;

    private final Cifar10Source source;

    public Cifar10Provider() {
        this(new Cifar10Source());
    }

    public Cifar10Provider(Cifar10Source source) {
        this.source = source;
    }

    @Override
    public String name() {
        return Cifar10Source.NAME;
    }

    @Override
    public String description() {
        return "CIFAR-10: 60,000 colour 32x32 images, 10 classes (binary batches or DL4J's PNG folders)";
    }

    @Override
    public List<String> protocols() {
        return List.of(SAMPLED, SAMPLED_TRAIN_IN_DATABASE, TEST_QUERIES);
    }

    @Override
    public RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator) {
        requireProtocol(protocol);
        Path dir = locator.locate(source, dataDir);
        FeatureSet[] sets = readTrainTest(dir);
        if (protocol.equals(TEST_QUERIES)) {
            return SplitBuilder.fixed(name(), protocol, seed, sets[0], sets[1], CifarBinaryReader.CLASS_NAMES, null);
        }
        boolean trainInDatabase = protocol.equals(SAMPLED_TRAIN_IN_DATABASE);
        RetrievalSplit split = SplitBuilder.sampled(name(), protocol, seed, sets[0], sets[1], QUERIES_PER_CLASS,
                TRAIN_PER_CLASS, trainInDatabase, CifarBinaryReader.CLASS_NAMES, null);
        if (protocol.equals(SAMPLED)) {
            split.addNote(RENAMED_NOTE);
        }
        return split;
    }

    /** The training and test sets of a folder the source accepted, in either layout. */
    public static FeatureSet[] readTrainTest(Path dir) {
        if (Cifar10Source.layoutOf(dir) == Cifar10Source.Layout.BINARY) {
            List<Path> batches = new ArrayList<>();
            for (String b : Cifar10Source.TRAIN_BATCHES) {
                batches.add(dir.resolve(b));
            }
            return new FeatureSet[] {CifarBinaryReader.read(batches, "cifar10/train"),
                CifarBinaryReader.read(List.of(dir.resolve(Cifar10Source.TEST_BATCH)), "cifar10/test")};
        }
        return new FeatureSet[] {readPng(dir.resolve("train"), "cifar10/train"),
            readPng(dir.resolve("test"), "cifar10/test")};
    }

    private static FeatureSet readPng(Path dir, String name) {
        ClassFolders.Listing l = ClassFolders.list(dir, CifarBinaryReader.CLASS_NAMES, name);
        if (!l.classNames().equals(CifarBinaryReader.CLASS_NAMES)) {
            throw new HashingException(dir + ": class folders " + l.classNames() + " are not CIFAR-10's "
                    + CifarBinaryReader.CLASS_NAMES);
        }
        FeatureSet fs = ImageSets.load(l.images(), ImagePipelineConfig.plain(3, CifarBinaryReader.SIDE,
                CifarBinaryReader.SIDE), ImageSets.DEFAULT_MAX_BYTES);
        return fs;
    }

    @Override
    public DatasetStatus status(Path dataDir, DataLocator locator) {
        return DatasetStatus.probe(this, source, dataDir, locator, source.downloadBytes());
    }
}
