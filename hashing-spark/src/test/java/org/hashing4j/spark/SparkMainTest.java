package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Hamming;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.core.index.ExhaustiveIndex;
import org.hashing4j.core.index.SearchResult;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.methods.lsh.Lsh;
import org.hashing4j.spark.cli.SparkMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The spark-submit entry point on the files the rest of the toolkit writes. */
class SparkMainTest extends SparkTestBase {
    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        CommandLine cl = SparkMain.commandLine();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        err = e.toString();
        return code;
    }

    @Test
    void joinWritesCsvPairs() throws IOException {
        BinaryCodes c = clustered(400, 24, 8, 0.03, 1);
        Path db = dir.resolve("db.npy");
        CodeFiles.write(db, c);
        Path out = dir.resolve("pairs.csv");
        assertEquals(0, run("join", "--codes", db.toString(), "--radius", "2", "--out", out.toString(), "--master", "local[2]"), err);
        List<String> lines = Files.readAllLines(out);
        assertEquals("id1,id2,distance", lines.get(0));
        List<String> want = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            for (int j = i + 1; j < c.size(); j++) {
                int d = Hamming.distance(c, i, c, j);
                if (d <= 2) {
                    want.add(i + "," + j + "," + d);
                }
            }
        }
        assertEquals(want, lines.subList(1, lines.size()));
    }

    @Test
    void searchWritesCsvTopK() throws IOException {
        BinaryCodes c = random(1000, 32, 2);
        BinaryCodes q = random(7, 32, 3);
        Path db = dir.resolve("db.npy");
        Path qf = dir.resolve("q.npy");
        CodeFiles.write(db, c);
        CodeFiles.write(qf, q);
        Path out = dir.resolve("top.csv");
        assertEquals(0, run("search", "--index-codes", db.toString(), "--queries", qf.toString(), "-k", "10", "--out",
                out.toString()), err);
        ExhaustiveIndex index = new ExhaustiveIndex(32, 1);
        index.add(c);
        SearchResult r = index.search(q, 10);
        List<String> want = new ArrayList<>(List.of("query,rank,id,distance"));
        for (int i = 0; i < q.size(); i++) {
            for (int j = 0; j < r.count(i); j++) {
                want.add(i + "," + (j + 1) + "," + r.id(i, j) + "," + r.distance(i, j));
            }
        }
        assertEquals(want, Files.readAllLines(out));
    }

    @Test
    @SuppressWarnings("unchecked")
    void evaluateWritesTheMetricsOfHashingEvaluate() throws IOException {
        BinaryCodes db = clustered(800, 16, 4, 0.1, 4);
        BinaryCodes q = clustered(90, 16, 4, 0.1, 5);
        int[] dl = new int[db.size()];
        int[] ql = new int[q.size()];
        for (int i = 0; i < dl.length; i++) {
            dl[i] = i % 4;
        }
        for (int i = 0; i < ql.length; i++) {
            ql[i] = i % 4;
        }
        CodeFiles.write(dir.resolve("db.npy"), db);
        CodeFiles.write(dir.resolve("q.npy"), q);
        Npy.writeInt32(dir.resolve("dl.npy"), dl);
        Npy.writeInt32(dir.resolve("ql.npy"), ql);
        assertEquals(0, run("evaluate", "--queries", dir.resolve("q.npy").toString(), "--database",
                dir.resolve("db.npy").toString(), "--query-labels", dir.resolve("ql.npy").toString(), "--db-labels",
                dir.resolve("dl.npy").toString(), "--topk", "all,50", "--radius", "0,2", "--out",
                dir.resolve("eval").toString()), err);
        Map<String, Object> json = new ObjectMapper().readValue(dir.resolve("eval/metrics.json").toFile(), Map.class);
        RetrievalMetrics got = RetrievalMetrics.fromMap(json);
        RetrievalMetrics want = RetrievalEvaluator.evaluate(q, db, Relevance.ofLabels(Labels.singleLabel(ql),
                Labels.singleLabel(dl)), EvalOptions.builder().topK(EvalOptions.ALL, 50).radii(0, 2).build());
        assertEquals(want.mapAll(), got.mapAll(), 1e-12);
        assertEquals(want.mapAt(50), got.mapAt(50), 1e-12);
        assertEquals(want.precisionWithinRadius(2), got.precisionWithinRadius(2), 1e-12);
    }

    /**
     * A Parquet code table or feature table whose ids repeat is refused as {@code hashing index build}
     * refuses such an id list: one line naming the file and the id, exit code 2, nothing written.
     */
    @Test
    void repeatedIdsAreRefusedNamingTheFileAndTheId() throws IOException {
        List<Row> rows = new ArrayList<>();
        long[] ids = {4, 9, 2, 9, 7};
        for (int i = 0; i < ids.length; i++) {
            rows.add(RowFactory.create(ids[i], null, new byte[] {(byte) i}));
        }
        String table = dir.resolve("dup.parquet").toString();
        SparkOutputs.writeParquet(spark.createDataFrame(rows, CodeTable.schema(8)), table);
        String[][] commands = {
            {"join", "--codes", table, "--radius", "1", "--out", dir.resolve("pairs.csv").toString()},
            {"search", "--index-codes", table, "--queries", table, "-k", "2", "--out", dir.resolve("top.csv").toString()},
            {"export", "--codes", table, "--out", dir.resolve("db.npy").toString()}};
        for (String[] c : commands) {
            assertEquals(2, run(c), c[0]);
            assertEquals("error: " + table + ": id 9 appears twice", err.strip(), c[0]);
        }
        assertTrue(!Files.exists(dir.resolve("pairs.csv")) && !Files.exists(dir.resolve("top.csv"))
                && !Files.exists(dir.resolve("db.npy")), "nothing written");

        // Feature vectors for encode: the same check on the feature table's ids.
        Random r = new Random(3);
        float[][] x = new float[30][4];
        for (float[] row : x) {
            for (int j = 0; j < 4; j++) {
                row[j] = r.nextFloat();
            }
        }
        Path model = dir.resolve("lsh-8.zip");
        ModelFiles.save(model, new Lsh().fit(new FeatureSet(x, null, null, "f"), new MethodConfig(8, 1),
                TrainingContext.quiet()), Map.of());
        List<Row> feats = new ArrayList<>();
        for (long id : new long[] {0, 1, 1}) {
            feats.add(RowFactory.create(id, x[(int) id]));
        }
        String features = dir.resolve("features.parquet").toString();
        SparkOutputs.writeParquet(spark.createDataFrame(feats, new StructType().add("id", "long").add("features",
                "array<float>")), features);
        assertEquals(2, run("encode", "--model", model.toString(), "--features", features, "--out",
                dir.resolve("codes.parquet").toString()));
        assertEquals("error: " + features + ": id 1 appears twice", err.strip());

        // A .npy code file with an id list: the list file is named, as by hashing index build.
        CodeFiles.write(dir.resolve("c.npy"), random(3, 8, 1));
        Files.writeString(dir.resolve("c.ids.txt"), "5\n6\n5\n");
        assertEquals(2, run("join", "--codes", dir.resolve("c.npy").toString(), "--ids", dir.resolve("c.ids.txt").toString(),
                "--radius", "1", "--out", dir.resolve("pairs.csv").toString()));
        assertEquals("error: " + dir.resolve("c.ids.txt") + ": id 5 appears twice", err.strip());
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws IOException {
        assertEquals(2, run("join", "--codes", dir.resolve("missing.npy").toString(), "--radius", "1", "--out",
                dir.resolve("p.csv").toString()));
        assertTrue(err.startsWith("error: ") && err.contains("missing.npy") && err.strip().lines().count() == 1, err);
        CodeFiles.write(dir.resolve("db.npy"), random(10, 8, 1));
        assertEquals(2, run("join", "--codes", dir.resolve("db.npy").toString(), "--radius", "-1", "--out",
                dir.resolve("p.csv").toString()));
        assertTrue(err.contains("radius must be >= 0"), err);
        Files.write(dir.resolve("trunc.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M'});
        assertEquals(2, run("search", "--index-codes", dir.resolve("trunc.npy").toString(), "--queries",
                dir.resolve("db.npy").toString(), "-k", "1", "--out", dir.resolve("t.csv").toString()));
        assertTrue(err.contains("trunc.npy"), err);
        assertTrue(run("join", "--codes", "x.npy") != 0, "missing options");
    }
}
