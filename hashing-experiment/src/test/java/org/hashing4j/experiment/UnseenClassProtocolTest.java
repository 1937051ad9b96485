package org.hashing4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.models.ModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seen/unseen-class protocol end to end on four synthetic classes, class 3 held out: what is
 * trained on, which queries are scored, and the seen@all / unseen@all tables of the report.
 */
class UnseenClassProtocolTest {
    private static final int DIM = 12;

    @TempDir
    static Path dir;
    static Path out;
    static JsonNode json;
    static String md;
    static final List<String> evaluated = new ArrayList<>();

    @BeforeAll
    static void run() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Random rnd = new Random(5);
        float[][] centres = new float[4][DIM];
        for (float[] c : centres) {
            for (int j = 0; j < DIM; j++) {
                c[j] = (float) rnd.nextGaussian() * 3f;
            }
        }
        String[] stems = {"train", "query", "database"};
        int[] sizes = {200, 40, 200};
        for (int s = 0; s < 3; s++) {
            float[][] x = new float[sizes[s]][DIM];
            int[] y = new int[sizes[s]];
            for (int i = 0; i < sizes[s]; i++) {
                y[i] = i % 4;
                for (int j = 0; j < DIM; j++) {
                    x[i][j] = centres[y[i]][j] + (float) rnd.nextGaussian();
                }
            }
            Npy.writeFloat32(data.resolve(stems[s] + ".npy"), x);
            Npy.writeInt32(data.resolve(stems[s] + "_labels.npy"), y);
        }
        out = dir.resolve("run");
        new ExperimentRunner(config(data)).listener(new ExperimentListener() {
            @Override
            public void evaluated(String label, int bits, String groundTruth, RetrievalMetrics metrics,
                    double trainSeconds, double encodeRate) {
                evaluated.add(label + "|" + bits + "|" + groundTruth);
            }
        }).run(out);
        json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        md = Files.readString(out.resolve("results.md"));
    }

    static ExperimentConfig config(Path data) {
        ExperimentConfig c = new ExperimentConfig();
        c.name = "Unseen classes";
        c.dataset = "features";
        c.protocol = "given";
        c.dataDir = data.toString();
        c.seed = 3;
        c.bits = new ArrayList<>(List.of(8));
        c.unseenClasses = new ArrayList<>(List.of(3));
        c.methods.add(new ExperimentConfig.MethodEntry("lsh", Map.of()));
        c.methods.add(new ExperimentConfig.MethodEntry("sdh", Map.of("anchors", 50)));
        c.evaluation.topk = new ArrayList<>(List.of("all", "20"));
        c.report.galleryQueries = 0;
        c.validate("test");
        return c;
    }

    @Test
    void trainsOnSeenClassesOnly() {
        JsonNode sizes = ModelFiles.open(out.resolve("models/sdh-8.zip")).manifest().path("provenance").path("data")
                .path("split_sizes");
        assertEquals(150, sizes.path("train").asInt(), "200 training items less the 50 of class 3: " + sizes);
        assertEquals(30, sizes.path("query").asInt());
        assertEquals(10, sizes.path("query_unseen").asInt());
    }

    @Test
    void queriesAreSplitBySeenAndUnseenClass() {
        int[] seen = Labels.readNpy(out.resolve("codes/query-labels.npy")).classIndices();
        int[] unseen = Labels.readNpy(out.resolve("codes/query-unseen-labels.npy")).classIndices();
        assertEquals(30, seen.length);
        assertEquals(10, unseen.length);
        assertTrue(java.util.Arrays.stream(seen).allMatch(c -> c != 3));
        assertTrue(java.util.Arrays.stream(unseen).allMatch(c -> c == 3));
        assertEquals(200, Labels.readNpy(out.resolve("codes/database-labels.npy")).size(), "the whole database");
    }

    @Test
    void bothSettingsAreScoredAndTabled() {
        Labels db = Labels.readNpy(out.resolve("codes/database-labels.npy"));
        Relevance seenTruth = Relevance.ofLabels(Labels.readNpy(out.resolve("codes/query-labels.npy")), db);
        Relevance unseenTruth = Relevance.ofLabels(Labels.readNpy(out.resolve("codes/query-unseen-labels.npy")), db);
        for (String m : List.of("lsh", "sdh")) {
            RetrievalMetrics seen = evaluate(m + "-8-query", m + "-8-database", seenTruth);
            RetrievalMetrics unseen = evaluate(m + "-8-query-unseen", m + "-8-database", unseenTruth);
            String label = m.toUpperCase(Locale.ROOT);
            assertEquals(fmt(seen.mapAll()), cell("mAP@all, seen@all (class-label ground truth)", label));
            assertEquals(fmt(unseen.mapAll()), cell("mAP@all, unseen@all (class-label ground truth)", label));
            assertEquals(fmt(unseen.tieAwareMapAt(EvalOptions.ALL)),
                    cell("Tie-aware mAP@all, unseen@all (class-label ground truth)", label));
            assertEquals(fmt(unseen.mapAt(20)), cell("mAP@20, unseen@all (class-label ground truth)", label));
            // The main tables are seen@all.
            for (JsonNode r : json.get("results")) {
                if (r.get("method").asText().equals(label)) {
                    assertEquals(seen.mapAll(), r.get("metrics").get("mAP").get("all").asDouble(), 1e-12);
                    assertEquals(30, r.get("metrics").get("queries").asInt());
                }
            }
        }
        assertTrue(md.contains("## mAP@all, unseen@all (class-label ground truth)"), md);
        assertTrue(md.contains("Queries: the 10 queries of the unseen classes [3]"), md);
        assertEquals(List.of("LSH|8|label", "LSH|8|unseen@all", "SDH|8|label", "SDH|8|unseen@all"), evaluated);
    }

    @Test
    void configChecksTheProtocolSettings() {
        ExperimentConfig c = config(dir);
        c.unseenFraction = 0.2;
        assertTrue(assertThrows(HashingException.class, () -> c.validate("x.yaml")).getMessage()
                .contains("not both"));
        c.unseenClasses = null;
        c.unseenFraction = 1.5;
        assertThrows(HashingException.class, () -> c.validate("x.yaml"));
        c.unseenFraction = 0.5;
        c.evaluation.groundTruth = "knn";
        assertTrue(assertThrows(HashingException.class, () -> c.validate("x.yaml")).getMessage()
                .contains("ground_truth to labels"));
        c.evaluation.groundTruth = "labels";
        c.validate("x.yaml");
        assertEquals(2, c.holdout(4).unseen().length);
    }

    private static RetrievalMetrics evaluate(String query, String database, Relevance truth) {
        BinaryCodes q = CodeFiles.read(out.resolve("codes/" + query + ".npy"));
        BinaryCodes d = CodeFiles.read(out.resolve("codes/" + database + ".npy"));
        return RetrievalEvaluator.evaluate(q, d, truth, EvalOptions.builder().topK(EvalOptions.ALL, 20).radii(0, 1, 2)
                .precisionAtN(1, 10, 50, 100, 200, 500, 1000, 2000, 5000).build());
    }

    private static String cell(String table, String label) {
        for (JsonNode t : json.get("tables")) {
            if (t.get("title").asText().equals(table)) {
                for (JsonNode r : t.get("rows")) {
                    if (r.get(0).asText().equals(label)) {
                        return r.get(1).asText();
                    }
                }
            }
        }
        throw new AssertionError("no row " + label + " in table '" + table + "'");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
