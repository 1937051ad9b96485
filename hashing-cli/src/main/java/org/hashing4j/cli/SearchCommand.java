package org.hashing4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.CodeLayout;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.core.index.IndexKind;
import org.hashing4j.core.index.SearchResult;
import org.hashing4j.models.encode.ImageInputs;
import org.hashing4j.models.ModelFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hashing search}: the k nearest codes, or all codes within a Hamming radius, for query codes
 * ({@code --queries q.npy}) or for images encoded by a model ({@code --model m.zip --image a.png}).
 * Prints one block per query (rank, id, distance, path when the index stores paths), or JSON.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Searches an index file by query codes or by images (encoded with a model).")
public final class SearchCommand implements Callable<Integer> {
    /** Loads a model file; tests replace it to search with a hand-made hash function. */
    static Function<Path, HashFunction> modelLoader = ModelFiles::load;

    @Option(names = "--index", required = true, paramLabel = "FILE", description = "Index file (hashing index build).")
    Path index;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = {"-k", "--k"}, paramLabel = "K", description = "Return the K nearest codes per query.")
        Integer k;

        @Option(names = {"-r", "--radius"}, paramLabel = "R", description = "Return every code within Hamming distance R (inclusive).")
        Integer radius;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Queries queries;

    static final class Queries {
        @Option(names = "--queries", paramLabel = "FILE", description = "Query codes (.npy; any layout, see --code-layout).")
        Path codes;

        @ArgGroup(exclusive = false)
        ByImage byImage;
    }

    static final class ByImage {
        @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file that encodes the images.")
        Path model;

        @Option(names = "--image", required = true, arity = "1..*", paramLabel = "FILE", description = "Query image(s).")
        List<Path> images;
    }

    @Option(names = "--code-layout", paramLabel = "LAYOUT", converter = CodeLayoutConverter.class,
            description = "How the codes are stored: packed (uint8, 8 bits a byte), bits (0/1 per column), pm1"
                    + " (-1/+1 per column) or real (sign at 0). Default: detected where unambiguous.")
    CodeLayout codeLayout;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--kind", paramLabel = "KIND", description = "exhaustive or mih (default: the kind the index was built with).")
    String kind;

    @Option(names = "--threads", paramLabel = "N", description = "Search threads (default: one per processor).")
    Integer threads;

    @Option(names = "--no-verify", description = "Skip verifying the index checksums on opening (large files).")
    boolean noVerify;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        IndexFile file = IndexFile.open(index, !noVerify);
        BinaryCodes q;
        List<String> sources = new ArrayList<>();
        if (queries.codes != null) {
            q = CodeFiles.read(queries.codes, codeLayout);
            for (int i = 0; i < q.size(); i++) {
                sources.add(queries.codes.getFileName() + "[" + i + "]");
            }
        } else {
            HashFunction model = modelLoader.apply(queries.byImage.model);
            if (model.bits() != file.bits()) {
                throw new HashingException(queries.byImage.model + " makes " + model.bits() + "-bit codes but " + index
                        + " holds " + file.bits() + "-bit codes");
            }
            q = model.encode(ImageInputs.read(model, queries.byImage.images));
            for (Path p : queries.byImage.images) {
                sources.add(p.toString());
            }
        }
        IndexKind k = kind == null ? file.kind() : IndexKind.parse(kind);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        long start = System.nanoTime();
        HammingIndex idx = file.index(k, t);
        long built = System.nanoTime();
        SearchResult result = mode.k != null ? idx.search(q, mode.k) : idx.rangeSearch(q, mode.radius);
        long done = System.nanoTime();
        System.err.printf("searched %d quer%s in %s codes (%s, %d thread%s): %.1f ms (index ready in %.1f ms)%n",
                q.size(), q.size() == 1 ? "y" : "ies", idx.size(), k, t, t == 1 ? "" : "s", (done - built) / 1e6,
                (built - start) / 1e6);
        if (json) {
            out.println(toJson(file, k, result, sources));
        } else {
            printText(out, file, result, sources);
        }
        return 0;
    }

    private void printText(PrintStream out, IndexFile file, SearchResult r, List<String> sources) {
        boolean paths = file.hasPaths();
        for (int qi = 0; qi < r.queryCount(); qi++) {
            int n = r.count(qi);
            out.println("query " + qi + " (" + sources.get(qi) + "): " + n + (n == 1 ? " hit" : " hits")
                    + (mode.k != null ? " (k=" + mode.k + ")" : " within radius " + mode.radius));
            if (n == 0) {
                continue;
            }
            out.println(paths ? "  rank  id                    distance  path" : "  rank  id                    distance");
            for (int j = 0; j < n; j++) {
                long id = r.id(qi, j);
                String line = String.format("  %4d  %-20d  %8d", j + 1, id, r.distance(qi, j));
                if (paths) {
                    String p = file.itemPath(id);
                    line += "  " + (p == null ? "-" : p);
                }
                out.println(line);
            }
        }
    }

    private String toJson(IndexFile file, IndexKind k, SearchResult r, List<String> sources) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("index", index.toString());
        root.put("bits", file.bits());
        root.put("size", file.size());
        root.put("kind", k.label());
        if (mode.k != null) {
            root.put("k", mode.k);
        } else {
            root.put("radius", mode.radius);
        }
        List<Object> list = new ArrayList<>();
        for (int qi = 0; qi < r.queryCount(); qi++) {
            Map<String, Object> qm = new LinkedHashMap<>();
            qm.put("query", qi);
            qm.put("source", sources.get(qi));
            List<Object> hits = new ArrayList<>();
            for (int j = 0; j < r.count(qi); j++) {
                Map<String, Object> h = new LinkedHashMap<>();
                long id = r.id(qi, j);
                h.put("rank", j + 1);
                h.put("id", id);
                h.put("distance", r.distance(qi, j));
                if (file.hasPaths()) {
                    h.put("path", file.itemPath(id));
                }
                hits.add(h);
            }
            qm.put("hits", hits);
            list.add(qm);
        }
        root.put("queries", list);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }
}
