package org.hashing4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.SyntheticCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hashing generate-codes}: a random but structured set of query and database codes with class
 * labels, in the file formats {@code hashing evaluate} reads, so evaluation can be tried on a fresh
 * machine without training anything.
 */
@Command(name = "generate-codes", mixinStandardHelpOptions = true,
        description = {"Writes synthetic codes and labels: every class has a random centre code and every item is"
                + " its class centre with each bit flipped with probability --flip. Files: DIR/queries.npy,"
                + " DIR/database.npy (packed codes with .json sidecars), DIR/query_labels.npy, DIR/db_labels.npy."})
public final class GenerateCodesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the files.")
    Path out;

    @Option(names = "--queries", defaultValue = "1000", paramLabel = "N",
            description = "Number of query codes (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--database", defaultValue = "10000", paramLabel = "N",
            description = "Number of database codes (default: ${DEFAULT-VALUE}).")
    int database;

    @Option(names = "--bits", defaultValue = "32", paramLabel = "B", description = "Code length (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--classes", defaultValue = "10", paramLabel = "C",
            description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--flip", defaultValue = "0.15", paramLabel = "P",
            description = "Probability that a bit differs from its class centre, 0..0.5 (default: ${DEFAULT-VALUE}).")
    double flip;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        SyntheticCodes q = SyntheticCodes.generate(queries, bits, classes, flip, seed, seed + 1);
        SyntheticCodes db = SyntheticCodes.generate(database, bits, classes, flip, seed, seed + 2);
        Path qf = out.resolve("queries.npy");
        Path df = out.resolve("database.npy");
        Path qlf = out.resolve("query_labels.npy");
        Path dlf = out.resolve("db_labels.npy");
        CodeFiles.write(qf, q.codes());
        CodeFiles.write(df, db.codes());
        Labels.singleLabel(q.labels()).writeNpy(qlf);
        Labels.singleLabel(db.labels()).writeNpy(dlf);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("wrote %d query and %d database codes of %d bits in %d classes to %s%n", queries, database, bits,
                classes, out);
        o.printf("evaluate them with:%n  hashing evaluate --queries %s --database %s --query-labels %s"
                + " --db-labels %s --out %s%n", qf, df, qlf, dlf, out.resolve("eval"));
        o.flush();
        return 0;
    }
}
