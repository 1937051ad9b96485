package org.hashing4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.datasets.EuclideanNeighbours;
import org.hashing4j.datasets.features.FeatureFiles;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner from plain Java, end to end, on clustered features the test writes: a few shallow
 * methods at two code lengths, an ablation group and both ground truths. Checks the report against
 * the codes in the run folder, so that report refactorings can be checked to change no number.
 * Set {@code HASHING_REPORT_KEEP} to a folder to keep a copy of the report files for comparison.
 */
class ExperimentRunnerReportTest {
    private static final int DIM = 16;
    private static final int KNN_K = 20;

    @TempDir
    static Path dir;
    static Path data;
    static Path out;
    static JsonNode json;
    static String md;
    static String html;
    /** "label|bits|truth" of every {@link ExperimentListener#evaluated} call, in order. */
    static final List<String> evaluated = Collections.synchronizedList(new ArrayList<>());

    /**
     * Four Gaussian clusters, two classes (clusters 0 and 2 are class 0, 1 and 3 class 1): the
     * unsupervised methods keep the clusters apart, a supervised method can join a class's clusters.
     */
    static void writeFeatures() {
        Random rnd = new Random(11);
        float[][] centres = new float[4][DIM];
        for (float[] c : centres) {
            for (int j = 0; j < DIM; j++) {
                c[j] = (float) rnd.nextGaussian() * 3f;
            }
        }
        String[] stems = {"train", "query", "database"};
        int[] sizes = {300, 60, 300};
        for (int s = 0; s < 3; s++) {
            float[][] x = new float[sizes[s]][DIM];
            int[] y = new int[sizes[s]];
            for (int i = 0; i < sizes[s]; i++) {
                int cluster = i % 4;
                y[i] = cluster % 2;
                for (int j = 0; j < DIM; j++) {
                    x[i][j] = centres[cluster][j] + (float) rnd.nextGaussian();
                }
            }
            Npy.writeFloat32(data.resolve(stems[s] + ".npy"), x);
            Npy.writeInt32(data.resolve(stems[s] + "_labels.npy"), y);
        }
    }

    static ExperimentConfig config() {
        ExperimentConfig c = new ExperimentConfig();
        c.name = "Reference report";
        c.dataset = "features";
        c.protocol = "given";
        c.dataDir = data.toString();
        c.seed = 7;
        c.bits = new ArrayList<>(List.of(8, 16));
        c.methods.add(new ExperimentConfig.MethodEntry("lsh", Map.of()));
        c.methods.add(new ExperimentConfig.MethodEntry("itq", Map.of()));
        c.methods.add(new ExperimentConfig.MethodEntry("sdh", Map.of("anchors", 100)));
        ExperimentConfig.MethodEntry lshSeed8 = new ExperimentConfig.MethodEntry("lsh", Map.of());
        lshSeed8.label = "LSH seed 8";
        lshSeed8.seed = 8L;
        lshSeed8.bits = new ArrayList<>(List.of(16));
        c.methods.add(lshSeed8);
        ExperimentConfig.MethodEntry uncentred = new ExperimentConfig.MethodEntry("lsh", Map.of("centre", false));
        uncentred.label = "LSH uncentred";
        uncentred.group = "ablation";
        uncentred.bits = new ArrayList<>(List.of(16));
        c.methods.add(uncentred);
        ExperimentConfig.MethodEntry pcaOnly = new ExperimentConfig.MethodEntry("itq", Map.of("iterations", 0));
        pcaOnly.label = "ITQ no rotation";
        pcaOnly.group = "ablation";
        pcaOnly.bits = new ArrayList<>(List.of(16));
        c.methods.add(pcaOnly);
        c.evaluation.topk = new ArrayList<>(List.of("all", "50"));
        c.evaluation.groundTruth = "both";
        c.evaluation.knnK = KNN_K;
        c.validate("test");
        return c;
    }

    /** The options the runner derives from {@link #config()}. */
    static EvalOptions options() {
        return EvalOptions.builder().topK(EvalOptions.ALL, 50).radii(0, 1, 2)
                .precisionAtN(1, 10, 50, 100, 200, 500, 1000, 2000, 5000).prCurve(true).build();
    }

    @BeforeAll
    static void run() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        writeFeatures();
        out = dir.resolve("run");
        ExperimentListener listener = new ExperimentListener() {
            @Override
            public void evaluated(String label, int bits, String groundTruth, RetrievalMetrics metrics,
                    double trainSeconds, double encodeRate) {
                evaluated.add(label + "|" + bits + "|" + groundTruth);
            }
        };
        Path report = new ExperimentRunner(config()).listener(listener).run(out);
        assertEquals(out.resolve("report.html"), report);
        json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        md = Files.readString(out.resolve("results.md"));
        html = Files.readString(out.resolve("report.html"));
        String keep = System.getenv("HASHING_REPORT_KEEP");
        if (keep != null) {
            Path k = Files.createDirectories(Path.of(keep));
            for (String f : List.of("results.md", "metrics.json", "report.html")) {
                Files.copy(out.resolve(f), k.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void writesTheReportFilesAndTheRunFolder() {
        for (String f : List.of("report.html", "results.md", "metrics.json", "config.yaml",
                "codes/query-labels.npy", "codes/database-labels.npy", "models/lsh-8.zip", "models/sdh-16.zip",
                "models/lsh-uncentred-16.zip", "codes/itq-no-rotation-16-query.npy")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("Reference report"));
        assertEquals("Reference report", json.get("title").asText());
    }

    /** Every main-table result in metrics.json is what the evaluator gives on the codes in the run folder. */
    @Test
    void metricsMatchADirectEvaluationOfTheWrittenCodes() {
        Relevance truth = Relevance.ofLabels(Labels.readNpy(out.resolve("codes/query-labels.npy")),
                Labels.readNpy(out.resolve("codes/database-labels.npy")));
        Map<String, String> names = Map.of("LSH", "lsh", "ITQ", "itq", "SDH", "sdh", "LSH seed 8", "lsh-seed-8");
        ObjectMapper mapper = new ObjectMapper();
        List<String> seen = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            String label = r.get("method").asText();
            int bits = r.get("bits").asInt();
            RetrievalMetrics direct = evaluate(RunFolder.key(names.get(label), bits), truth);
            ObjectNode expected = mapper.valueToTree(direct.toMap());
            ObjectNode actual = r.get("metrics").deepCopy();
            // The only field that depends on the clock.
            expected.remove("eval_seconds");
            actual.remove("eval_seconds");
            assertEquals(expected, actual, label + " " + bits);
            seen.add(label + "-" + bits);
        }
        assertEquals(List.of("LSH-8", "LSH-16", "ITQ-8", "ITQ-16", "SDH-8", "SDH-16", "LSH seed 8-16"), seen);
    }

    /** The kNN side tables show the direct evaluation under Euclidean ground truth, 4 decimals. */
    @Test
    void knnTablesMatchADirectEvaluation() {
        int[][] nn = EuclideanNeighbours.kNearest(FeatureFiles.read(data.resolve("query.npy"), null, "q"),
                FeatureFiles.read(data.resolve("database.npy"), null, "db"), KNN_K);
        Relevance knn = Relevance.ofNeighbours(nn);
        JsonNode table = table("mAP@all, unsupervised methods (kNN ground truth)");
        assertEquals(List.of("Method", "8 bits", "16 bits"), strings(table.get("header")));
        assertEquals("LSH", table.get("rows").get(0).get(0).asText());
        assertEquals(fmt(evaluate("lsh-8", knn).mapAll()), table.get("rows").get(0).get(1).asText());
        assertEquals(fmt(evaluate("itq-16", knn).mapAll()), table.get("rows").get(1).get(2).asText());
        JsonNode ablation = table("mAP@all, ablation (kNN ground truth)");
        assertEquals(fmt(evaluate("lsh-uncentred-16", knn).mapAll()), row(ablation, "LSH uncentred").get(1).asText());
    }

    /** The ablation tables start with the full methods' main-table rows, at the group's bit lengths. */
    @Test
    void ablationTablesStartWithTheFullMethods() {
        JsonNode t = table("mAP@all, ablation (class-label ground truth)");
        assertEquals(List.of("Method", "16 bits"), strings(t.get("header")));
        List<String> rows = new ArrayList<>();
        t.get("rows").forEach(r -> rows.add(r.get(0).asText()));
        assertEquals(List.of("LSH", "ITQ", "LSH seed 8", "LSH uncentred", "ITQ no rotation"), rows);
        assertEquals(fmt(result("LSH", 16).get("metrics").get("mAP").get("all").asDouble()),
                row(t, "LSH").get(1).asText());
        assertEquals(1, md.split("## Mean \\|bit balance\\|, ablation", -1).length - 1, "code statistics once per group");
        assertTrue(!md.contains("## Mean |bit balance|, unsupervised methods"), "the main tables already hold them");
        assertTrue(md.contains("*Ground truth: the " + KNN_K + " Euclidean nearest neighbours"), md);
    }

    /**
     * Entries that differ only in their seed are summarised as mean ± sample sd per bit length (LSH
     * has seeds 7 and 8 at 16 bits, one seed at 8 bits); methods with one seed get no row.
     */
    @Test
    void seedRepeatsAreSummarisedAsMeanAndSd() {
        Relevance truth = Relevance.ofLabels(Labels.readNpy(out.resolve("codes/query-labels.npy")),
                Labels.readNpy(out.resolve("codes/database-labels.npy")));
        double a = evaluate("lsh-16", truth).mapAll();
        double b = evaluate("lsh-seed-8-16", truth).mapAll();
        assertTrue(a != b, "two seeds, two different LSH models");
        JsonNode t = table("mAP@all over seeds (mean ± sd)");
        assertEquals(List.of("Method", "8 bits", "16 bits"), strings(t.get("header")));
        assertEquals(1, t.get("rows").size(), "only LSH has more than one seed");
        assertEquals(String.format(Locale.ROOT, "%.4f ± %.4f (2 seeds)", (a + b) / 2, Math.abs(a - b) / Math.sqrt(2)),
                row(t, "LSH").get(2).asText());
        assertEquals(fmt(evaluate("lsh-8", truth).mapAll()) + " (1 seed)", row(t, "LSH").get(1).asText());
        assertTrue(md.contains("## Training time (s) over seeds (mean ± sd)"), md);
    }

    @Test
    void aSupervisedMethodBeatsLshOnClusteredClasses() {
        for (int bits : new int[] {8, 16}) {
            double sdh = result("SDH", bits).get("metrics").get("mAP").get("all").asDouble();
            double lsh = result("LSH", bits).get("metrics").get("mAP").get("all").asDouble();
            assertTrue(sdh > lsh + 0.1, bits + " bits: SDH " + sdh + " vs LSH " + lsh);
        }
    }

    @Test
    void theListenerHearsOneEvaluationPerModelAndGroundTruth() {
        List<String> expected = new ArrayList<>();
        for (String m : List.of("LSH", "ITQ", "SDH")) {
            for (int bits : new int[] {8, 16}) {
                expected.add(m + "|" + bits + "|label");
                if (!m.equals("SDH")) {
                    expected.add(m + "|" + bits + "|kNN");
                }
            }
        }
        expected.add("LSH seed 8|16|label");
        expected.add("LSH seed 8|16|kNN");
        for (String m : List.of("LSH uncentred", "ITQ no rotation")) {
            expected.add(m + "|16|label");
            expected.add(m + "|16|kNN");
        }
        assertEquals(expected, evaluated);
    }

    /** The experiment module stands below the command line: no CLI class is reachable from here. */
    @Test
    void noCommandLineClassOnTheClasspath() {
        ClassLoader cl = getClass().getClassLoader();
        assertNull(cl.getResource("org/hashing4j/cli"));
        assertNull(cl.getResource("org/hashing4j/cli/Main.class"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.hashing4j.cli.Main"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.hashing4j.cli.ConsoleExperimentListener"));
    }

    private static RetrievalMetrics evaluate(String key, Relevance truth) {
        BinaryCodes q = CodeFiles.read(out.resolve("codes/" + key + "-query.npy"));
        BinaryCodes db = CodeFiles.read(out.resolve("codes/" + key + "-database.npy"));
        return RetrievalEvaluator.evaluate(q, db, truth, options());
    }

    private static JsonNode result(String method, int bits) {
        for (JsonNode r : json.get("results")) {
            if (r.get("method").asText().equals(method) && r.get("bits").asInt() == bits) {
                return r;
            }
        }
        throw new AssertionError("no result " + method + " " + bits);
    }

    private static JsonNode table(String title) {
        for (JsonNode t : json.get("tables")) {
            if (t.get("title").asText().equals(title)) {
                return t;
            }
        }
        throw new AssertionError("no table '" + title + "' in " + json.get("tables"));
    }

    private static JsonNode row(JsonNode table, String label) {
        for (JsonNode r : table.get("rows")) {
            if (r.get(0).asText().equals(label)) {
                return r;
            }
        }
        throw new AssertionError("no row " + label + " in " + table);
    }

    private static List<String> strings(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
