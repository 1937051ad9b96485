package org.hashing4j.datasets.folder;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.DatasetProvider;
import org.hashing4j.datasets.DatasetStatus;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImagePipeline;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.hashing4j.datasets.image.ImageSets;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.DatasetSource;
import org.hashing4j.datasets.split.ProtocolName;
import org.hashing4j.datasets.split.SplitIndices;
import org.hashing4j.datasets.split.Splits;

/**
 * The user's own images in class folders ({@code --data-dir}):
 * <ul>
 *   <li>protocol {@code train-test}: {@code DIR/train/<class>/…} are the database and training set,
 *       {@code DIR/test/<class>/…} the queries;</li>
 *   <li>protocol {@code sampled} or {@code sampled:Q:T}: {@code DIR/<class>/…}, Q queries per class
 *       drawn with the seed (100), the rest as database, T training images per class from the
 *       database (500).</li>
 * </ul>
 * The images are always available for streaming ({@link RetrievalSplit#images()}); they are also
 * held in memory as pixels in [0,1] (grey when every image is grey, else RGB) when they all have one
 * size and fit in
 * {@link ImageSets#DEFAULT_MAX_BYTES}.
 */
public final class ImageFolderDataset implements DatasetProvider, DatasetSource {
    public static final String NAME = "image-folder";
    public static final String TRAIN_TEST = "train-test";

    private final long maxBytes;

    public ImageFolderDataset() {
        this(ImageSets.DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes in-memory budget for the pixels (beyond it, the split is streamed only) */
    public ImageFolderDataset(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Your image folders: DIR/<class>/*.jpg|png (sampled[:Q:T]) or DIR/train|test/<class>/... (train-test)";
    }

    @Override
    public List<String> protocols() {
        return List.of(TRAIN_TEST, ProtocolName.SAMPLED);
    }

    @Override
    public boolean acceptsProtocol(String protocol) {
        return protocol.equals(TRAIN_TEST) || ProtocolName.isSampled(protocol);
    }

    @Override
    public RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator) {
        if (dataDir == null) {
            throw new HashingException("the image-folder dataset needs --data-dir (the folder of class folders)");
        }
        ImageList train;
        ImageList query;
        ImageList database;
        List<String> classes;
        String prefix = NAME + "/" + protocol + "/";
        if (protocol.equals(TRAIN_TEST)) {
            ClassFolders.Listing tr = ClassFolders.list(dataDir.resolve("train"), List.of(), prefix + "train");
            ClassFolders.Listing te = ClassFolders.list(dataDir.resolve("test"), tr.classNames(), prefix + "query");
            if (!tr.classNames().containsAll(te.classNames())) {
                throw new HashingException(dataDir.resolve("test") + ": class folders " + te.classNames()
                        + " are not among the training classes " + tr.classNames());
            }
            classes = tr.classNames();
            train = tr.images();
            query = te.images();
            database = new ImageList(train.files(), train.labels(), prefix + "database");
        } else {
            ProtocolName p = ProtocolName.parseSampled(protocol);
            ClassFolders.Listing all = ClassFolders.list(dataDir, List.of(), NAME + "/all");
            classes = all.classNames();
            SplitIndices idx = Splits.sampledPerClass(all.images().labels(), p.queriesPerClass(), p.trainPerClass(),
                    seed);
            train = all.images().select(idx.train(), prefix + "train");
            query = all.images().select(idx.query(), prefix + "query");
            database = all.images().select(idx.database(), prefix + "database");
        }
        ImageSplit images = new ImageSplit(train, query, database, classes.size(), classes);
        String why = inMemoryRefusal(train, query, database);
        if (why != null) {
            RetrievalSplit s = new RetrievalSplit(NAME, protocol, seed, null, null, null, images, null);
            s.addNote(why);
            return s;
        }
        // grey images (e.g. exported Fashion-MNIST) stay one channel: three copies of each pixel would
        // triple the memory and give a model trained on them an input that grey queries do not match
        ImagePipelineConfig cfg = ImagePipelineConfig.asIs(allGrey(train, query, database) ? 1 : 3);
        FeatureSet[] sets = new FeatureSet[3];
        ImageList[] lists = {train, query, database};
        for (int k = 0; k < 3; k++) {
            sets[k] = ImageSets.load(lists[k], cfg, maxBytes);
        }
        return new RetrievalSplit(NAME, protocol, seed, sets[0], sets[1], sets[2], images, null);
    }

    /** Whether every image's header says it is grey (one colour component). */
    private static boolean allGrey(ImageList... lists) {
        for (ImageList l : lists) {
            for (Path f : l.files()) {
                if (ImageSize.info(f)[2] != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Why the images are not loaded into memory, or null when they can be. */
    private String inMemoryRefusal(ImageList... lists) {
        int[] first = ImageSize.info(lists[0].files().get(0));
        long per = 3L * first[0] * first[1] * 4;
        long total = 0;
        for (ImageList l : lists) {
            total += per * l.size();
        }
        if (total > maxBytes) {
            return "images are streamed only: as floats they would need " + total / (1 << 20) + " MiB";
        }
        for (ImageList l : lists) {
            for (Path f : l.files()) {
                int[] wh = ImageSize.of(f);
                if (wh[0] != first[0] || wh[1] != first[1]) {
                    return "images are streamed only: they differ in size (" + lists[0].files().get(0).getFileName()
                            + " is " + first[0] + "x" + first[1] + ", " + f.getFileName() + " is "
                            + wh[0] + "x" + wh[1] + "); give the pipeline a resize";
                }
            }
        }
        return null;
    }

    @Override
    public DatasetStatus status(Path dataDir, DataLocator locator) {
        if (dataDir == null) {
            return new DatasetStatus(NAME, description(), protocols(), null, null,
                    "pass --data-dir with your class folders", List.of());
        }
        return DatasetStatus.probe(this, this, dataDir, locator, 0);
    }

    @Override
    public Optional<Path> findIn(Path dir) {
        return ClassFolders.subfolders(dir).isEmpty() ? Optional.empty() : Optional.of(dir);
    }

    @Override
    public List<String> missingIn(Path dir) {
        return ClassFolders.subfolders(dir).isEmpty() ? List.of("class subfolders") : List.of();
    }

    @Override
    public List<DataLocator.Place> systemPlaces(DataEnvironment env) {
        return List.of();
    }

    @Override
    public String howToGet(Path cacheDir) {
        return "put your images into one subfolder per class and pass the folder with --data-dir";
    }
}
