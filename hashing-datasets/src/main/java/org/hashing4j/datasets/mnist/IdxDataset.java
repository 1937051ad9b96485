package org.hashing4j.datasets.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.datasets.idx.IdxReader;
import org.hashing4j.datasets.locate.DataEnvironment;
import org.hashing4j.datasets.locate.DataLocator;
import org.hashing4j.datasets.locate.DatasetSource;
import org.hashing4j.datasets.locate.Downloader;
import org.hashing4j.datasets.locate.RemoteFile;

/**
 * An MNIST-format dataset: four IDX files (training and test images and labels), each plain or
 * gzip-compressed, ten classes of 28×28 grey images. Defines where the files come from and with
 * which checksums; {@link #FASHION_MNIST} and {@link #MNIST} are the two known ones.
 */
public final class IdxDataset implements DatasetSource {
    /** Logical file names, without {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /**
     * Fashion-MNIST (Zalando Research). Checksums:
     * <ul>
     *   <li>MD5 of the .gz files: as published in Zalando's README (also shipped in Debian's
     *       {@code /usr/share/doc/dataset-fashion-mnist/README.md.gz});</li>
     *   <li>SHA-256 of the .gz files: the values published for the official files by several
     *       independent projects (e.g. torchvision's dataset definitions). They could NOT be
     *       checked against a file here: Debian recompressed the files (different gzip header and
     *       MD5), and this machine cannot download;</li>
     *   <li>SHA-256 of the decompressed IDX content: computed here from Debian's files, and equal to
     *       the values other projects publish for the official files, so a download is accepted
     *       when either the .gz digests or the content digest match.</li>
     * </ul>
     */
    public static final IdxDataset FASHION_MNIST = new IdxDataset("fashion-mnist", "Fashion-MNIST",
            List.of("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
                    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            List.of(remote(TRAIN_IMAGES, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                            "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 26_421_880),
                    remote(TRAIN_LABELS, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                            "25c81989df183df01b3e8a0aad5dffbe",
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 29_515),
                    remote(TEST_IMAGES, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                            "bef4ecab320f06d8554ea6380940ec79",
                            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 4_422_102),
                    remote(TEST_LABELS, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                            "bb300cfdad3c16e7a12a480ee83cd310",
                            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 5_148)),
            "dataset-fashion-mnist",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));

    /**
     * MNIST (LeCun, Cortes, Burges), from the mirror PyTorch uses since the original site began
     * refusing downloads. The MD5 values are torchvision's; the .gz SHA-256 values are those
     * published by many projects; the content SHA-256 values come from one public source. None could
     * be checked here: there is no Debian package of MNIST and no network.
     */
    public static final IdxDataset MNIST = new IdxDataset("mnist", "MNIST",
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            List.of(remote(TRAIN_IMAGES, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                            "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 9_912_422),
                    remote(TRAIN_LABELS, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                            "d53e105ee54ea40749a09fcbcd1e9432",
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 28_881),
                    remote(TEST_IMAGES, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                            "9fb629c4189551a2d022fa330f9573f3",
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 1_648_877),
                    remote(TEST_LABELS, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                            "ec29112dd5afa0611ce80d1b7f02629c",
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 4_542)),
            null,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    /** Number of classes of MNIST-format datasets. */
    public static final int NUM_CLASSES = 10;

    private final String name;
    private final String displayName;
    private final List<String> mirrors;
    private final List<RemoteFile> remoteFiles;
    private final String debianPackage;
    private final List<String> classNames;

    /**
     * @param debianPackage Debian package that installs the files to
     *                      {@code /usr/share/datasets/<name>}, or null when there is none
     */
    public IdxDataset(String name, String displayName, List<String> mirrors, List<RemoteFile> remoteFiles,
            String debianPackage, List<String> classNames) {
        this.name = name;
        this.displayName = displayName;
        this.mirrors = List.copyOf(mirrors);
        this.remoteFiles = List.copyOf(remoteFiles);
        this.debianPackage = debianPackage;
        this.classNames = List.copyOf(classNames);
    }

    private static RemoteFile remote(String logical, String sha256, String md5, String contentSha256, long bytes) {
        return new RemoteFile(logical + ".gz", Map.of("SHA-256", sha256, "MD5", md5), contentSha256, bytes);
    }

    /** The same dataset fetched from other mirrors (tests point this at unreachable or local URLs). */
    public IdxDataset withMirrors(List<String> otherMirrors) {
        return new IdxDataset(name, displayName, otherMirrors, remoteFiles, debianPackage, classNames);
    }

    /** The same dataset with other expected files/checksums (tests). */
    public IdxDataset withRemoteFiles(List<RemoteFile> files) {
        return new IdxDataset(name, displayName, mirrors, files, debianPackage, classNames);
    }

    @Override
    public String name() {
        return name;
    }

    public String displayName() {
        return displayName;
    }

    public List<String> classNames() {
        return classNames;
    }

    public List<String> mirrors() {
        return mirrors;
    }

    public List<RemoteFile> remoteFiles() {
        return remoteFiles;
    }

    /**
     * The file for a logical name in {@code folder}: plain, {@code .gz}, or the dotted spelling some
     * distributions use ({@code train-images.idx3-ubyte}); null when absent.
     */
    public static Path file(Path folder, String logical) {
        String dotted = logical.replaceFirst("-idx", ".idx");
        for (String candidate : List.of(logical + ".gz", logical, dotted + ".gz", dotted)) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public List<String> missingIn(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            if (file(dir, f) == null) {
                missing.add(f + "(.gz)");
            }
        }
        return missing;
    }

    @Override
    public List<DataLocator.Place> systemPlaces(DataEnvironment env) {
        return debianPackage == null ? List.of()
                : List.of(new DataLocator.Place("system package", env.systemDatasets().resolve(name)));
    }

    @Override
    public boolean downloadable() {
        return !mirrors.isEmpty();
    }

    @Override
    public void download(Path cacheDir, Downloader downloader) {
        for (RemoteFile f : remoteFiles) {
            Path target = cacheDir.resolve(f.fileName());
            if (Files.isRegularFile(target)) {
                continue; // verified when it was downloaded (files only appear after their checksum passed)
            }
            downloader.download(mirrors, f, target);
        }
    }

    @Override
    public String howToGet(Path cacheDir) {
        StringBuilder s = new StringBuilder("to get ").append(displayName).append(": ");
        if (debianPackage != null) {
            s.append("install Debian's package (sudo apt-get install ").append(debianPackage).append(", files go to ")
                    .append("/usr/share/datasets/").append(name).append("), or ");
        }
        s.append("download ");
        for (int i = 0; i < remoteFiles.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(remoteFiles.get(i).fileName());
        }
        s.append(" from ").append(mirrors.isEmpty() ? "the dataset's website" : mirrors.get(0)).append(" into ")
                .append(cacheDir).append(" (or into a folder given with --data-dir, or $")
                .append(DataEnvironment.DATA_VARIABLE).append("/").append(name).append(")");
        return s.toString();
    }

    /**
     * Compares the SHA-256 of the decompressed content of each file in {@code folder} with the known
     * value; one line per file ("ok" or the mismatch).
     */
    public List<String> verify(Path folder) {
        List<String> out = new ArrayList<>();
        for (RemoteFile rf : remoteFiles) {
            String logical = rf.fileName().replaceFirst("\\.gz$", "");
            Path f = file(folder, logical);
            if (f == null) {
                out.add(logical + ": missing");
                continue;
            }
            try {
                String got = Downloader.contentSha256(f);
                out.add(f.getFileName() + ": content SHA-256 " + got
                        + (got.equals(rf.contentSha256()) ? " ok" : " MISMATCH, expected " + rf.contentSha256()));
            } catch (java.io.IOException e) {
                out.add(f.getFileName() + ": unreadable (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** File name → SHA-256 of the decompressed content, for each of the four files in {@code folder}. */
    public java.util.Map<String, String> checksums(Path folder) {
        java.util.Map<String, String> sums = new java.util.TreeMap<>();
        for (String logical : FILES) {
            Path f = file(folder, logical);
            if (f != null) {
                try {
                    sums.put(f.getFileName().toString(), Downloader.contentSha256(f));
                } catch (java.io.IOException e) {
                    throw new org.hashing4j.core.HashingException(f + ": cannot read (" + e.getMessage() + ")", e);
                }
            }
        }
        return sums;
    }

    /** The 60,000 training images with labels, from a folder {@link #findIn} accepted. */
    public FeatureSet readTrain(Path folder) {
        return read(folder, TRAIN_IMAGES, TRAIN_LABELS, name + "/train");
    }

    /** The 10,000 test images with labels. */
    public FeatureSet readTest(Path folder) {
        return read(folder, TEST_IMAGES, TEST_LABELS, name + "/test");
    }

    private FeatureSet read(Path folder, String images, String labels, String setName) {
        Path img = file(folder, images);
        Path lab = file(folder, labels);
        if (img == null || lab == null) {
            throw new org.hashing4j.core.HashingException(folder + ": missing " + (img == null ? images : labels)
                    + "(.gz)");
        }
        return IdxReader.readLabelledImages(img, lab, NUM_CLASSES, setName);
    }
}
