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
                + " the missing ones. Downloads nothing."})
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
}
