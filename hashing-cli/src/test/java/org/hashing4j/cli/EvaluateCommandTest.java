package org.hashing4j.cli;

import static org.hashing4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    /** Runs the command line; returns {exit code, stdout, stderr}. */
    private String[] generate(int queries, int database, int bits) {
        CliRun r = run("generate-codes", "--out", dir.toString(), "--queries", "" + queries, "--database",
                "" + database, "--bits", "" + bits, "--classes", "4", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hashing evaluate"), r.out());
        return new String[] {"--queries", dir.resolve("queries.npy").toString(), "--database",
            dir.resolve("database.npy").toString(), "--query-labels", dir.resolve("query_labels.npy").toString(),
            "--db-labels", dir.resolve("db_labels.npy").toString()};
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(Arrays.asList(a));
        l.addAll(Arrays.asList(b));
        return l.toArray(new String[0]);
    }

    @Test
    void generatedCodesEvaluateToTheLibraryFigures() throws IOException {
        String[] inputs = generate(50, 400, 24);
        Path out = dir.resolve("eval");
        CliRun r = run(concat(new String[] {"evaluate"}, concat(inputs, "--topk", "all,100", "--radius", "0,2",
                "--pn", "10", "--threads", "2", "--out", out.toString())));
        assertEquals(0, r.code(), r.err());
        String table = r.out();
        assertTrue(table.contains("mAP@all") && table.contains("mAP@100") && table.contains("P@H<=2")
                && table.contains("P@10") && table.contains("metrics.json"), table);

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        BinaryCodes q = CodeFiles.read(dir.resolve("queries.npy"));
        BinaryCodes db = CodeFiles.read(dir.resolve("database.npy"));
        RetrievalMetrics m = RetrievalEvaluator.evaluate(q, db,
                Relevance.ofLabels(Labels.readNpy(dir.resolve("query_labels.npy")),
                        Labels.readNpy(dir.resolve("db_labels.npy"))),
                EvalOptions.builder().topK(EvalOptions.ALL, 100).radii(0, 2).precisionAtN(10).build());
        assertEquals(m.mapAll(), json.get("mAP").get("all").asDouble(), 1e-12);
        assertEquals(m.mapAt(100), json.get("mAP").get("100").asDouble(), 1e-12);
        assertEquals(m.tieAwareMapAt(EvalOptions.ALL), json.get("mAP_tie_aware").get("all").asDouble(), 1e-12);
        assertEquals(m.tieAwareMapAt(100), json.get("mAP_tie_aware").get("100").asDouble(), 1e-12);
        assertTrue(table.contains("TA-mAP@all") && table.contains("TA-mAP@100"), table);
        assertEquals(m.precisionWithinRadius(2), json.get("P_H").get("2").asDouble(), 1e-12);
        assertEquals(m.emptyWithinRadius(0), json.get("empty_H").get("0").asInt());
        assertEquals(25, json.get("pr_by_radius").size());
        assertEquals(24, json.get("database_code_statistics").get("bits").asInt());
        assertTrue(json.get("mAP").get("all").asDouble() > 0.5, "structured codes retrieve their class");
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "only metrics.json, no temporary files");
        }
    }

    @Test
    void multiHotLabelsAndNeighbourListsAreAccepted() throws IOException {
        String[] inputs = generate(10, 60, 16);
        int[] dl = Npy.read(dir.resolve("db_labels.npy")).toIntVector();
        int[] ql = Npy.read(dir.resolve("query_labels.npy")).toIntVector();
        int[][] dbHot = new int[dl.length][4];
        for (int i = 0; i < dl.length; i++) {
            dbHot[i][dl[i]] = 1;
        }
        int[][] qHot = new int[ql.length][4];
        for (int i = 0; i < ql.length; i++) {
            qHot[i][ql[i]] = 1;
        }
        Labels.multiHot(qHot).writeNpy(dir.resolve("qhot.npy"));
        Labels.multiHot(dbHot).writeNpy(dir.resolve("dbhot.npy"));
        CliRun single = run(concat(new String[] {"evaluate"}, concat(inputs, "--out", dir.resolve("a").toString())));
        String[] hot = inputs.clone();
        hot[5] = dir.resolve("qhot.npy").toString();
        hot[7] = dir.resolve("dbhot.npy").toString();
        CliRun multi = run(concat(new String[] {"evaluate"}, concat(hot, "--out", dir.resolve("b").toString())));
        assertEquals(0, multi.code(), multi.err());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(dir.resolve("a/metrics.json").toFile()).get("mAP"),
                json.readTree(dir.resolve("b/metrics.json").toFile()).get("mAP"), "one-hot = class indices");
        assertEquals(0, single.code());

        // Neighbour lists: each query's relevant items are the same-class items (first 3 of them).
        int[][] nb = new int[ql.length][3];
        for (int i = 0; i < ql.length; i++) {
            int c = 0;
            for (int j = 0; j < dl.length && c < 3; j++) {
                if (dl[j] == ql[i]) {
                    nb[i][c++] = j;
                }
            }
        }
        Npy.writeInt32(dir.resolve("nb.npy"), nb);
        CliRun r = run("evaluate", "--queries", inputs[1], "--database", inputs[3], "--neighbours",
                dir.resolve("nb.npy").toString(), "--out", dir.resolve("c").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("neighbours", json.readTree(dir.resolve("c/metrics.json").toFile()).get("relevance").asText());
    }

    private void assertUserError(String expected, String... args) {
        CliRun r = run(args);
        String err = r.err().trim();
        assertEquals(2, r.code(), err);
        assertTrue(err.startsWith("error: ") || err.contains("Missing") || err.contains("Invalid"), err);
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void badInputGivesAOneLineErrorAndExitCodeTwo() {
        String[] inputs = generate(10, 40, 16);
        Path other = dir.resolve("other.npy");
        CodeFiles.write(other, BinaryCodes.fromBitStrings("101", "011"));
        String[] badBits = inputs.clone();
        badBits[3] = other.toString();
        assertUserError("3-bit codes", concat(new String[] {"evaluate"}, concat(badBits, "--out", dir.toString())));

        Labels.singleLabel(new int[] {0, 1, 2}).writeNpy(dir.resolve("short.npy"));
        String[] badLabels = inputs.clone();
        badLabels[5] = dir.resolve("short.npy").toString();
        assertUserError("holds 3 labels", concat(new String[] {"evaluate"}, concat(badLabels, "--out", dir.toString())));

        assertUserError("'ten'", concat(new String[] {"evaluate"},
                concat(inputs, "--topk", "all,ten", "--out", dir.toString())));
        assertUserError("--radius", concat(new String[] {"evaluate"},
                concat(inputs, "--radius", "-1", "--out", dir.toString())));

        String[] missing = inputs.clone();
        missing[1] = dir.resolve("nope.npy").toString();
        assertUserError("no such file", concat(new String[] {"evaluate"}, concat(missing, "--out", dir.toString())));

        Npy.writeInt32(dir.resolve("nb.npy"), new int[][] {{0}, {99}});
        assertUserError("neighbour lists for 2 queries", "evaluate", "--queries", inputs[1], "--database", inputs[3],
                "--neighbours", dir.resolve("nb.npy").toString(), "--out", dir.toString());
        assertUserError("Missing required", "evaluate", "--queries", inputs[1], "--out", dir.toString());
    }

    @Test
    void generatorRejectsBadSettings() {
        assertUserError("flip", "generate-codes", "--out", dir.toString(), "--flip", "0.9");
    }

    @Test
    void benchmarkCommandRunsSmall() {
        CliRun r = run("bench-eval", "--queries", "64", "--database", "500", "--warmup", "0", "--runs", "1");
        assertEquals(0, r.code(), r.err());
    }
}
