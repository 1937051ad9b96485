package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashing4j.datasets.DatasetStatus;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.locate.DataLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hashing datasets}: which datasets are on disk and where, and how to get the missing ones. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = {"Lists the known datasets: where their files were found (--data-dir, $HASHING_DATA,"
                + " system packages such as Debian's dataset-fashion-mnist, ~/.hashing4j/data) and how to get"
                + " the missing ones. Downloads nothing."},
        subcommands = DatasetsCommand.Export.class)
public final class DatasetsCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Look in this folder first (the folder itself or DIR/<dataset>).")
    Path dataDir;

    @Option(names = "--verify", description = "Also check the files found against the known SHA-256 checksums.")
    boolean verify;

    @Override
    public Integer call() {
        DataLocator locator = DataLocator.system();
        System.out.print(Datasets.describeAvailable(dataDir, locator));
        if (verify) {
            for (DatasetStatus st : Datasets.statuses(dataDir, locator)) {
                if (st.found()) {
                    System.out.println(st.name() + " checksums (" + st.foundAt() + "):");
                    for (String line : Datasets.provider(st.name()).verify(st.foundAt())) {
                        System.out.println("  " + line);
                    }
                }
            }
        }
        return 0;
    }

    /** {@code hashing datasets export}: a dataset held in memory written out as PNG files and list files. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes a dataset's images as PNG files in class folders (OUT/train/<class>/, OUT/test/<class>/)"
                + " with the split's list files (train.txt, test.txt, database.txt), so that it loads as dataset"
                + " image-folder (protocol train-test) or list-files, or feeds other tools."})
    public static final class Export implements Callable<Integer> {
        @Option(names = "--dataset", required = true, description = "Dataset to export, e.g. fashion-mnist.")
        String dataset;

        @Option(names = "--protocol", description = "Split protocol (default: the dataset's first; `hashing datasets` lists them).")
        String protocol;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the split protocol (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder holding the dataset files.")
        Path dataDir;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (new or empty).")
        Path out;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            org.hashing4j.datasets.RetrievalSplit split = Datasets.load(dataset, protocol, seed, dataDir);
            org.hashing4j.datasets.export.ImageExport.Summary s = org.hashing4j.datasets.export.ImageExport.export(split, out);
            System.out.printf(java.util.Locale.ROOT, "wrote %d PNG files and %s to %s in %.1f s%s%n", s.images(),
                    String.join(", ", s.listFiles()), out, (System.nanoTime() - t0) / 1e9,
                    s.databaseIsTrain() ? " (database = training set: load it as --dataset image-folder --protocol"
                            + " train-test or --dataset list-files)" : " (load it as --dataset list-files)");
            return 0;
        }
    }
}
