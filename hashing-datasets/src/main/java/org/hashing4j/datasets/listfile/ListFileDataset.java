package org.hashing4j.datasets.listfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.DatasetOptions;
import org.hashing4j.datasets.DatasetProvider;
import org.hashing4j.datasets.DatasetStatus;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.DatasetSource;

/**
 * A dataset given as three list files under a folder: {@code train.txt} (training set),
 * {@code test.txt} (queries) and {@code database.txt} (database), multi-label. Presets fix the class
 * count and the mAP cut-off of the usual protocol: {@code nus-wide-21} (21 concepts, mAP@5000),
 * {@code imagenet-100} (100 classes, mAP@1000), {@code coco} (80 categories, mAP@5000);
 * {@code list-files} takes any class count and reports mAP over the whole database. The images are
 * streamed ({@link RetrievalSplit#images()}), never all held in memory. Such datasets cannot be
 * downloaded here: their images come from the datasets' own sites.
 */
public final class ListFileDataset implements DatasetProvider, DatasetSource {
    public static final String PROTOCOL = "lists";
    public static final List<String> FILES = List.of("train.txt", "test.txt", "database.txt");
    /** How many missing images an error lists. */
    public static final int LISTED_MISSING = 10;

    private final String name;
    private final String displayName;
    private final int numClasses;
    private final Integer topK;

    /**
     * @param numClasses label vector length the lists must have, or 0 for any
     * @param topK       the protocol's mAP cut-off, or null for mAP@all
     */
    public ListFileDataset(String name, String displayName, int numClasses, Integer topK) {
        this.name = name;
        this.displayName = displayName;
        this.numClasses = numClasses;
        this.topK = topK;
    }

    public static ListFileDataset nusWide21() {
        return new ListFileDataset("nus-wide-21", "NUS-WIDE (21 most frequent concepts)", 21, 5000);
    }

    public static ListFileDataset imagenet100() {
        return new ListFileDataset("imagenet-100", "ImageNet-100 (100 classes)", 100, 1000);
    }

    public static ListFileDataset coco() {
        return new ListFileDataset("coco", "MS-COCO (80 categories)", 80, 5000);
    }

    public static ListFileDataset generic() {
        return new ListFileDataset("list-files", "Your own list files", 0, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return displayName + ": list files train.txt/test.txt/database.txt ('path 0 1 0 ...'), multi-label, "
                + (topK == null ? "mAP@all" : "mAP@" + topK) + ", images streamed";
    }

    @Override
    public List<String> protocols() {
        return List.of(PROTOCOL);
    }

    @Override
    public java.util.OptionalInt defaultTopK() {
        return topK == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(topK);
    }

    public int numClasses() {
        return numClasses;
    }

    @Override
    public RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator) {
        return load(protocol, seed, dataDir, locator, DatasetOptions.DEFAULT);
    }

    @Override
    public RetrievalSplit load(String protocol, long seed, Path dataDir, DataLocator locator, DatasetOptions options) {
        requireProtocol(protocol);
        Path dir = locator.locate(this, dataDir);
        Path root = options.imageRoot() != null ? options.imageRoot() : dir;
        String[] sets = {"train", "query", "database"};
        ImageList[] lists = new ImageList[3];
        List<Path> missing = new ArrayList<>();
        List<String> perFile = new ArrayList<>();
        int classes = numClasses;
        int listed = 0;
        String why = numClasses > 0 ? "the " + name + " preset has " + numClasses + " classes" : "";
        for (int k = 0; k < 3; k++) {
            ListFileReader.Result r = ListFileReader.read(dir.resolve(FILES.get(k)), root, classes, why,
                    name + "/" + PROTOCOL + "/" + sets[k],
                    new ListFileReader.Rules(true, options.allowAbsolutePaths()));
            if (classes == 0) {
                classes = r.classes();
                why = "as in " + FILES.get(k);
            }
            listed += r.listed();
            missing.addAll(r.missing());
            if (!r.missing().isEmpty()) {
                perFile.add(FILES.get(k) + ": " + r.missing().size());
            }
            lists[k] = r.images();
        }
        if (!missing.isEmpty() && !options.skipMissing()) {
            List<String> first = new ArrayList<>();
            for (int i = 0; i < Math.min(LISTED_MISSING, missing.size()); i++) {
                first.add(missing.get(i).toString());
            }
            throw new HashingException(name + ": " + missing.size() + " of " + listed + " listed images are missing or"
                    + " unreadable under " + root + " (" + String.join(", ", perFile) + "); first "
                    + first.size() + ": " + String.join(", ", first) + "; fix the paths (or the image root) or skip"
                    + " them with --skip-missing");
        }
        for (int k = 0; k < 3; k++) {
            if (lists[k] == null) {
                throw new HashingException(dir.resolve(FILES.get(k)) + ": none of its images exist under " + root);
            }
        }
        ImageSplit images = new ImageSplit(lists[0], lists[1], lists[2], classes, List.of());
        RetrievalSplit split = new RetrievalSplit(name, protocol, seed, null, null, null, images, topK);
        if (!missing.isEmpty()) {
            split.addNote("skipped " + missing.size() + " missing or unreadable images (" + String.join(", ", perFile)
                    + ")");
        }
        return split;
    }

    @Override
    public DatasetStatus status(Path dataDir, DataLocator locator) {
        return DatasetStatus.probe(this, this, dataDir, locator, 0);
    }

    // ---- DatasetSource: where the list files are ----

    @Override
    public List<String> missingIn(Path dir) {
        List<String> m = new ArrayList<>();
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                m.add(f);
            }
        }
        return m;
    }

    @Override
    public List<DataLocator.Place> systemPlaces(DataEnvironment env) {
        return List.of();
    }

    @Override
    public String howToGet(Path cacheDir) {
        return "to use " + displayName + ": put train.txt, test.txt and database.txt (one line per image:"
                + " 'relative/path.jpg 0 1 0 ...'" + (numClasses > 0 ? " with " + numClasses + " labels" : "")
                + ") and the images they name into " + cacheDir + " (or a folder given with --data-dir, or $"
                + DataEnvironment.DATA_VARIABLE + "/" + name + "); the lists of the PyTorch deep hashing toolkits"
                + " work as they are, the images come from the dataset's own site";
    }
}
