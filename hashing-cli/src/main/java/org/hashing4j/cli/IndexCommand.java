package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.CodeLayout;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.FaissIndexFiles;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.HashFunction;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.core.index.IndexImport;
import org.hashing4j.core.index.IndexKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hashing index build | add | remove | info | export | import}: index files for {@code hashing search},
 * and FAISS binary index files to and from Python.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Builds and maintains Hamming search index files (.idx).",
        subcommands = {IndexCommand.Build.class, IndexCommand.Add.class, IndexCommand.Remove.class,
            IndexCommand.Info.class, IndexCommand.Export.class, IndexCommand.Import.class})
public final class IndexCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code hashing index build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Writes an index file from a code file (.npy, as written by 'hashing encode'), or in one step"
                + " from images encoded by a model (--model M with --images LIST_OR_DIR or --dataset D), storing"
                + " their paths so that 'hashing search --model M --image photo.jpg' prints the nearest images."})
    public static final class Build implements Callable<Integer> {
        @Option(names = "--codes", paramLabel = "FILE", description = "Codes: uint8 .npy, packed bits.")
        Path codes;

        @Option(names = "--code-layout", paramLabel = "LAYOUT", converter = CodeLayoutConverter.class,
                description = "How the codes are stored: packed, bits, pm1 or real (default: detected where unambiguous).")
        CodeLayout codeLayout;

        @Option(names = "--model", paramLabel = "FILE", description = "Model that encodes the images (instead of --codes).")
        Path model;

        @picocli.CommandLine.Mixin
        CollectionInput collection = new CollectionInput();

        @Option(names = "--dataset", paramLabel = "NAME", description = "Dataset whose image files to encode (with --model).")
        String dataset;

        @Option(names = "--protocol", description = "Split protocol of --dataset (default: the dataset's first; `hashing datasets` lists them).")
        String protocol;

        @Option(names = "--split", defaultValue = "database", description = "Split of --dataset (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the split protocol (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder holding the dataset files.")
        Path dataDir;

        @Option(names = "--ids", paramLabel = "FILE", description = "One integer id per line, in code order (default 0, 1, 2, ...).")
        Path ids;

        @Option(names = "--paths", paramLabel = "FILE", description = "One image path per line, in code order; search prints them.")
        Path paths;

        @Option(names = "--kind", defaultValue = "exhaustive", paramLabel = "KIND",
                description = {"exhaustive or mih (multi-index hashing): what search uses unless told otherwise."
                    + " Default: ${DEFAULT-VALUE}.",
                    "mih builds its hash tables each time the file is opened (about 0.3-0.7 s per million codes),"
                    + " then answers near-neighbour queries tens of times faster than the scan: worth it for many"
                    + " queries per search or a long-running service."})
        String kind;

        @Option(names = "--substrings", defaultValue = "0", paramLabel = "M",
                description = "Substrings for mih (0 = round(bits / log2 n)).")
        int substrings;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The index file to write.")
        Path out;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            IndexKind indexKind = IndexKind.parse(kind);
            int n;
            if ((codes == null) == (model == null)) {
                throw new HashingException("give either --codes FILE or --model FILE (with --images or --dataset)");
            }
            if (codes != null) {
                if (collection.images != null || dataset != null) {
                    throw new HashingException("--images and --dataset need --model (to encode them), not --codes");
                }
                n = IndexImport.build(codes, codeLayout, ids, paths, indexKind, substrings, out);
            } else {
                if (ids != null || paths != null) {
                    throw new HashingException("--ids and --paths go with --codes; with --model the paths are the images'");
                }
                HashFunction m = SearchCommand.modelLoader.apply(model);
                RetrievalSplit s = dataset == null ? null
                        : Datasets.load(dataset, protocol, seed, dataDir, collection.datasetOptions());
                CollectionInput.Encoded e = collection.encode(m, collection.list(s, split));
                IndexFile.create(out, e.result().codes(), null, e.paths(), indexKind, substrings);
                n = e.result().codes().size();
            }
            IndexFile f = IndexFile.open(out, false);
            System.out.println("wrote " + out + ": " + n + " codes of " + f.bits() + " bits, kind " + f.kind()
                    + (f.hasPaths() ? ", with paths" : "") + String.format(" (%.2f s)", (System.nanoTime() - start) / 1e9));
            return 0;
        }
    }

    /** {@code hashing index add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Appends codes to an index file in place (crash-safe).")
    public static final class Add implements Callable<Integer> {
        @Option(names = "--index", required = true, paramLabel = "FILE")
        Path index;

        @Option(names = "--codes", required = true, paramLabel = "FILE")
        Path codes;

        @Option(names = "--code-layout", paramLabel = "LAYOUT", converter = CodeLayoutConverter.class,
                description = "How the codes are stored: packed, bits, pm1 or real (default: detected where unambiguous).")
        CodeLayout codeLayout;

        @Option(names = "--ids", paramLabel = "FILE", description = "One new id per line (default: after the largest id the index has held).")
        Path ids;

        @Option(names = "--paths", paramLabel = "FILE", description = "One image path per line.")
        Path paths;

        @Override
        public Integer call() {
            BinaryCodes c = CodeFiles.read(codes, codeLayout);
            long[] idArray = ids == null ? null : IndexImport.readIds(ids);
            List<String> pathList = paths == null ? null : IndexImport.readLines(paths);
            long[] given = IndexFile.append(index, c, idArray, pathList);
            System.out.println("added " + given.length + " codes to " + index + (given.length > 0
                    ? " (ids " + given[0] + (given.length > 1 ? " .. " + given[given.length - 1] : "") + ")" : "")
                    + "; it now holds " + IndexFile.open(index, false).size());
            return 0;
        }
    }

    /** {@code hashing index remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes items by id from an index file in place (crash-safe).")
    public static final class Remove implements Callable<Integer> {
        @Option(names = "--index", required = true, paramLabel = "FILE")
        Path index;

        @Parameters(arity = "1..*", paramLabel = "ID", description = "Ids to remove; all must exist.")
        long[] ids;

        @Override
        public Integer call() {
            int n = IndexFile.remove(index, ids);
            System.out.println("removed " + n + " items from " + index + "; it now holds " + IndexFile.open(index, false).size());
            return 0;
        }
    }

    /** {@code hashing index info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describes an index file and verifies its checksums.")
    public static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path index;

        @Override
        public Integer call() {
            System.out.println(IndexFile.open(index, true) + "; checksums ok");
            return 0;
        }
    }

    /** {@code hashing index export}: an index as a FAISS binary index file. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes an index file's codes and ids as a FAISS binary index (faiss.read_index_binary opens it):"
                + " IndexBinaryFlat when the ids are 0, 1, 2, ..., otherwise IndexBinaryIDMap. Paths are not part of"
                + " FAISS files; use --paths-out to keep them."})
    public static final class Export implements Callable<Integer> {
        @Option(names = "--index", required = true, paramLabel = "FILE", description = "The hashing4j index file.")
        Path index;

        @Option(names = "--faiss", required = true, paramLabel = "FILE", description = "The FAISS index file to write.")
        Path faiss;

        @Option(names = "--paths-out", paramLabel = "FILE", description = "Also write the items' paths, one per line, in FAISS order.")
        Path pathsOut;

        @Override
        public Integer call() {
            IndexFile f = IndexFile.open(index, true);
            HammingIndex idx = f.index(IndexKind.EXHAUSTIVE, 1);
            FaissIndexFiles.write(faiss, idx);
            if (pathsOut != null) {
                StringBuilder b = new StringBuilder();
                for (long id : idx.ids()) {
                    String p = f.itemPath(id);
                    b.append(p == null ? "" : p).append('\n');
                }
                AtomicFiles.writeString(pathsOut, b.toString());
            }
            System.out.println("wrote " + faiss + ": " + idx.size() + " codes of " + f.bits() + " bits as a FAISS binary index");
            return 0;
        }
    }

    /** {@code hashing index import}: a FAISS binary index file as an index file. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Writes an index file from a FAISS IndexBinaryFlat or IndexBinaryIDMap file (faiss.write_index_binary).")
    public static final class Import implements Callable<Integer> {
        @Option(names = "--faiss", required = true, paramLabel = "FILE", description = "The FAISS binary index file.")
        Path faiss;

        @Option(names = "--paths", paramLabel = "FILE", description = "One image path per line, in FAISS order.")
        Path paths;

        @Option(names = "--kind", defaultValue = "exhaustive", paramLabel = "KIND", description = "exhaustive or mih (default: ${DEFAULT-VALUE}).")
        String kind;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The index file to write.")
        Path out;

        @Override
        public Integer call() {
            FaissIndexFiles.Contents c = FaissIndexFiles.read(faiss);
            List<String> pathList = paths == null ? null : IndexImport.readLines(paths);
            if (pathList != null && pathList.size() != c.codes().size()) {
                throw new HashingException(paths + ": " + pathList.size() + " paths, but " + faiss + " holds "
                        + c.codes().size() + " codes");
            }
            IndexFile.create(out, c.codes(), c.ids(), pathList, IndexKind.parse(kind), 0);
            System.out.println("wrote " + out + ": " + c.codes().size() + " codes of " + c.codes().bits() + " bits from "
                    + c.type() + " " + faiss);
            return 0;
        }
    }
}
