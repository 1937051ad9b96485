package org.hashing4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.CodeLayout;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hashing evaluate}: Hamming-ranking metrics of query codes against database codes (plain and
 * tie-aware mAP among them), printed as a table and written to {@code DIR/metrics.json}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Ranks the database codes by Hamming distance for every query code (ties by database index)"
                + " and reports mAP@k, tie-aware mAP@k (TA-mAP: the expected mAP@k when items at equal distance are"
                + " ordered at random, McSherry & Najork 2008), precision and recall within Hamming radius r"
                + " (P@H<=r, R@H<=r), precision@N and the precision-recall curve; writes DIR/metrics.json"
                + " (tie-aware mAP under mAP_tie_aware).",
            "Codes: .npy uint8 matrices, 8 bits a byte, most significant bit first (numpy packbits), with the"
                + " bit length from an optional <file>.json sidecar; or one column per bit (0/1, -1/+1, or real values"
                + " read by sign), see --code-layout. Labels: .npy int vector of class indices, or"
                + " an n x C 0/1 multi-hot matrix (relevant = share a label). Or --neighbours: an n x k int matrix"
                + " of relevant database indices per query (e.g. Euclidean nearest neighbours)."})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--queries", required = true, paramLabel = "Q.npy", description = "Query codes.")
    Path queries;

    @Option(names = "--database", required = true, paramLabel = "D.npy", description = "Database codes.")
    Path database;

    @ArgGroup(exclusive = true, multiplicity = "1")
    GroundTruth truth;

    static final class GroundTruth {
        @ArgGroup(exclusive = false)
        LabelFiles labels;

        @Option(names = "--neighbours", paramLabel = "NB.npy",
                description = "Relevant database indices per query (n x k int matrix), instead of labels.")
        Path neighbours;
    }

    static final class LabelFiles {
        @Option(names = "--query-labels", required = true, paramLabel = "QL.npy", description = "Query labels.")
        Path queryLabels;

        @Option(names = "--db-labels", required = true, paramLabel = "DL.npy", description = "Database labels.")
        Path dbLabels;
    }

    @Option(names = "--code-layout", paramLabel = "LAYOUT", converter = CodeLayoutConverter.class,
            description = "How the codes are stored: packed (uint8, 8 bits a byte), bits (0/1 per column), pm1"
                    + " (-1/+1 per column) or real (sign at 0). Default: detected where unambiguous.")
    CodeLayout codeLayout;

    @Option(names = "--topk", paramLabel = "LIST", defaultValue = "all",
            description = "Cut-offs of mAP@k, comma-separated; 'all' is the whole database (default: ${DEFAULT-VALUE}).")
    String topK;

    @Option(names = "--radius", paramLabel = "LIST", defaultValue = "0,1,2",
            description = "Hamming radii of P@H<=r and R@H<=r (default: ${DEFAULT-VALUE}).")
    String radius;

    @Option(names = "--pn", paramLabel = "LIST", defaultValue = "1,10,100,1000",
            description = "List lengths N of precision@N (default: ${DEFAULT-VALUE}).")
    String precisionAtN;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all processors).")
    Integer threads;

    @Option(names = "--no-pr-curve", description = "Leave the precision-recall curve out of metrics.json.")
    boolean noPrCurve;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for metrics.json.")
    Path out;

    @Override
    public Integer call() throws Exception {
        EvalOptions.Builder ob = EvalOptions.builder()
                .topK(EvalOptions.parseTopK("--topk", topK))
                .radii(EvalOptions.parseIntList("--radius", radius, 0))
                .precisionAtN(EvalOptions.parseIntList("--pn", precisionAtN, 1))
                .prCurve(!noPrCurve);
        if (threads != null) {
            ob.threads(threads);
        }
        EvalOptions options = ob.build();

        BinaryCodes q = CodeFiles.read(queries, codeLayout);
        BinaryCodes db = CodeFiles.read(database, codeLayout);
        if (q.bits() != db.bits()) {
            throw new HashingException(queries + " holds " + q.bits() + "-bit codes but " + database + " holds "
                    + db.bits() + "-bit codes");
        }
        Relevance relevance = truth.neighbours != null ? neighbours(q.size(), db.size())
                : labels(q.size(), db.size());

        RetrievalMetrics m = RetrievalEvaluator.evaluate(q, db, relevance, options);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("queries", queries.toString());
        inputs.put("database", database.toString());
        if (truth.neighbours != null) {
            inputs.put("neighbours", truth.neighbours.toString());
        } else {
            inputs.put("query_labels", truth.labels.queryLabels.toString());
            inputs.put("db_labels", truth.labels.dbLabels.toString());
        }
        json.put("inputs", inputs);
        json.putAll(m.toMap());
        json.put("database_code_statistics", CodeStatistics.of(db).toMap(false));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path file = out.resolve("metrics.json");
        AtomicFiles.writeString(file, mapper.writeValueAsString(json) + "\n");

        PrintWriter o = spec.commandLine().getOut();
        o.print(m.toTable());
        o.printf(java.util.Locale.ROOT, "evaluated in %.2f s; wrote %s%n", m.seconds(), file);
        o.flush();
        return 0;
    }

    private Relevance labels(int queryCount, int dbCount) {
        Labels ql = Labels.readNpy(truth.labels.queryLabels);
        Labels dl = Labels.readNpy(truth.labels.dbLabels);
        if (ql.size() != queryCount) {
            throw new HashingException(truth.labels.queryLabels + " holds " + ql.size() + " labels but " + queries
                    + " holds " + queryCount + " codes");
        }
        if (dl.size() != dbCount) {
            throw new HashingException(truth.labels.dbLabels + " holds " + dl.size() + " labels but " + database
                    + " holds " + dbCount + " codes");
        }
        return Relevance.ofLabels(ql, dl);
    }

    private Relevance neighbours(int queryCount, int dbCount) {
        Npy.Array a = Npy.read(truth.neighbours);
        int[][] ids;
        try {
            ids = a.rank() == 1 ? toColumn(a.toIntVector()) : a.toIntMatrix();
        } catch (HashingException e) {
            throw new HashingException(truth.neighbours + ": " + e.getMessage(), e);
        }
        if (ids.length != queryCount) {
            throw new HashingException(truth.neighbours + " holds neighbour lists for " + ids.length + " queries but "
                    + queries + " holds " + queryCount + " codes");
        }
        for (int i = 0; i < ids.length; i++) {
            for (int id : ids[i]) {
                if (id < 0 || id >= dbCount) {
                    throw new HashingException(truth.neighbours + ": row " + i + " names database item " + id
                            + " but " + database + " holds " + dbCount + " codes");
                }
            }
        }
        return Relevance.ofNeighbours(ids);
    }

    private static int[][] toColumn(int[] v) {
        int[][] m = new int[v.length][];
        for (int i = 0; i < v.length; i++) {
            m[i] = new int[] {v[i]};
        }
        return m;
    }
}
