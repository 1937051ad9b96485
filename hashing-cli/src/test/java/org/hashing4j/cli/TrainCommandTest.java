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
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment runner end to end on a small precomputed-features dataset the test writes. */
class TrainCommandTest {
    @TempDir
    Path dir;
    Path data;

    /** Four well-separated Gaussian classes in 20 dimensions: train 200, query 40, database 200. */
    @BeforeEach
    void writeFeatures() {
        data = dir.resolve("data");
        Random rnd = new Random(5);
        float[][] centres = new float[4][20];
        for (float[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = (float) rnd.nextGaussian() * 3f;
            }
        }
        String[] stems = {"train", "query", "database"};
        int[] sizes = {200, 40, 200};
        for (int s = 0; s < 3; s++) {
            float[][] x = new float[sizes[s]][20];
            int[] y = new int[sizes[s]];
            for (int i = 0; i < sizes[s]; i++) {
                y[i] = i % 4;
                for (int j = 0; j < 20; j++) {
                    x[i][j] = centres[y[i]][j] + (float) rnd.nextGaussian();
                }
            }
            Npy.writeFloat32(data.resolve(stems[s] + ".npy"), x);
            Labels.singleLabel(y).writeNpy(data.resolve(stems[s] + "_labels.npy"));
        }
    }

    private String[] trainArgs(Path out, String... extra) {
        String[] base = {"train", "--method", "lsh,itq", "--dataset", "features", "--protocol", "given", "--data-dir",
            data.toString(), "--bits", "8,16", "--ground-truth", "both", "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void trainsEvaluatesAndWritesRunFolder() throws IOException {
        Path out = dir.resolve("run");
        CliRun r = run(trainArgs(out));
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"config.yaml", "metrics.json", "results.md", "report.html",
            "models/lsh-8.zip", "models/itq-16.zip", "codes/itq-16-query.npy", "codes/itq-16-database.npy",
            "codes/query-labels.npy", "codes/database-labels.npy"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        BinaryCodes q = CodeFiles.read(out.resolve("codes/itq-16-query.npy"));
        assertEquals(40, q.size());
        assertEquals(16, q.bits());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.indexOf("| ITQ |") > 0 && md.indexOf("| LSH |") > 0, md);
        assertTrue(md.contains("kNN ground truth"), "unsupervised methods also get kNN-truth tables");
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        boolean found = false;
        for (JsonNode result : metrics.path("results")) {
            if (result.path("method").asText().equals("ITQ") && result.path("bits").asInt() == 16) {
                // Well-separated classes: ITQ at 16 bits retrieves its own class almost perfectly.
                assertTrue(result.path("metrics").path("mAP").path("all").asDouble() > 0.9, result.toString());
                found = true;
            }
        }
        assertTrue(found, "metrics.json holds the ITQ 16-bit result");

        // The saved model encodes the same data to the same codes.
        Path codes = dir.resolve("again.npy");
        r = run("encode", "--model", out.resolve("models/itq-16.zip").toString(), "--dataset", "features",
                "--protocol", "given", "--data-dir", data.toString(), "--split", "query", "--out", codes.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(q, CodeFiles.read(codes));

        // A model of another method or bit length is refused.
        r = run("encode", "--model", out.resolve("models/itq-16.zip").toString(), "--bits", "32", "--dataset",
                "features", "--protocol", "given", "--data-dir", data.toString(), "--split", "query", "--out",
                dir.resolve("x.npy").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("16-bit"), r.err());
        r = run("encode", "--model", out.resolve("models/itq-16.zip").toString(), "--method", "jmlh", "--dataset",
                "features", "--protocol", "given", "--data-dir", data.toString(), "--split", "query", "--out",
                dir.resolve("x.npy").toString());
        assertEquals(2, r.code());
        assertFalse(Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void existingResultsNeedForceAndResumeKeepsModels() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, run(trainArgs(out)).code());
        long before = Files.getLastModifiedTime(out.resolve("models/itq-8.zip")).toMillis();
        CliRun r = run(trainArgs(out));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("models/itq-8.zip")).toMillis());

        r = run(trainArgs(out, "--resume"));
        assertEquals(0, r.code(), r.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("models/itq-8.zip")).toMillis(),
                "--resume reuses a finished model");

        r = run(trainArgs(out, "--force"));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void reportOnlyReportsFinishedModelsAndTrainsNothing() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, run(trainArgs(out)).code());
        String full = Files.readString(out.resolve("results.md"));
        // As if the run had stopped before its last model: report-only lists it and does not train it.
        Files.delete(out.resolve("models/itq-16.zip"));
        CliRun r = run(trainArgs(out, "--report-only"));
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("models/itq-16.zip")), "--report-only trained a model");
        String partial = Files.readString(out.resolve("results.md")).replace("**", "");
        assertTrue(partial.contains("Partial report: 1 of 4 models are not trained yet (itq-16)"), partial);
        // The finished models' rows, read back from their saved codes, are the full run's rows (the bold
        // marking the best value of a column may move).
        for (String line : full.replace("**", "").split("\n")) {
            if (line.startsWith("| LSH ") || line.startsWith("| ITQ | 8 ")) {
                assertTrue(partial.contains(line), line);
            }
        }
        assertEquals(2, run(trainArgs(out, "--report-only", "--force")).code());
        assertEquals(2, run(trainArgs(dir.resolve("none"), "--report-only")).code());
        // --resume completes the run.
        assertEquals(0, run(trainArgs(out, "--resume")).code());
        assertTrue(Files.exists(out.resolve("models/itq-16.zip")));
        assertFalse(Files.readString(out.resolve("results.md")).contains("Partial report"));
    }

    @Test
    void theDefaultProtocolIsTheDatasets() throws IOException {
        // An image-folder dataset has no "standard" protocol: without --protocol its first (train-test) is used.
        Path folders = dir.resolve("folders");
        java.util.Random rnd = new java.util.Random(2);
        for (String part : new String[] {"train", "test"}) {
            for (String cls : new String[] {"a", "b"}) {
                Path d = Files.createDirectories(folders.resolve(part).resolve(cls));
                for (int i = 0; i < 4; i++) {
                    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(6, 6,
                            java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < 6; y++) {
                        for (int x = 0; x < 6; x++) {
                            img.getRaster().setSample(x, y, 0, rnd.nextInt(256));
                        }
                    }
                    javax.imageio.ImageIO.write(img, "png", d.resolve(i + ".png").toFile());
                }
            }
        }
        CliRun r = run("train", "--method", "lsh", "--dataset", "image-folder", "--data-dir", folders.toString(),
                "--bits", "8", "--out", dir.resolve("folder-run").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Loading image-folder (train-test protocol)"), r.out());
    }

    @Test
    void badInputGivesOneLineErrors() throws IOException {
        Path out = dir.resolve("bad");
        CliRun r = run("train", "--method", "nope", "--dataset", "features", "--data-dir", data.toString(), "--out",
                out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown method 'nope'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        r = run(trainArgs(out, "--bits", "0"));
        assertEquals(2, r.code());

        Path cfg = dir.resolve("exp.yaml");
        Files.writeString(cfg, "name: x\nmethods:\n  - method: itq\nbitz: [8]\n");
        r = run("train", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown setting 'bitz'"), r.err());

        Files.writeString(cfg, "name: x\ndataset: features\nprotocol: given\nbits: [8]\nmethods:\n  - method: itq\n"
                + "    params: {iterations: -3}\n");
        r = run("train", "--config", cfg.toString(), "--data-dir", data.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("models")), "no partial model output");
    }

    @Test
    void configFileRuns() throws IOException {
        Path cfg = dir.resolve("exp.yaml");
        Files.writeString(cfg, "name: small\ndataset: features\nprotocol: given\nseed: 3\nbits: [8]\nmethods:\n"
                + "  - method: pcah\n  - method: itq\n    label: ITQ-50\n    train_size: 100\n"
                + "  - method: lsh\n    bits: [8, 16]\n"
                + "  - method: lsh\n    label: LSH small\n    group: ablation\n    bits: [16]\n    params: {centre: false}\n"
                + "  - method: lsh\n    label: LSH tiny\n    group: ablation\n    bits: [16]\n"
                + "evaluation:\n  topk: [all, 10]\n  ground_truth: both\n");
        Path out = dir.resolve("cfgrun");
        CliRun r = run("train", "--config", cfg.toString(), "--data-dir", data.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("ITQ-50") && md.contains("mAP@10"), md);
        assertTrue(md.contains("100 items sampled from 200"), md);
        assertTrue(md.contains("mAP@all, ablation (class-label ground truth)"), md);
        int main = md.indexOf("## mAP@all");
        String mainTable = md.substring(main, md.indexOf("\n## ", main + 1));
        assertTrue(mainTable.contains("| ITQ-50 |") && !mainTable.contains("LSH small"),
                "an ablation entry is not a row of the main tables: " + mainTable);
        assertTrue(Files.isRegularFile(out.resolve("models/lsh-small-16.zip")));

        // The ablation tables start with the full method's main-table row, at the group's bit lengths only.
        int ablation = md.indexOf("## mAP@all, ablation (class-label ground truth)");
        String ablationTable = md.substring(ablation, md.indexOf("\n## ", ablation + 1));
        assertTrue(ablationTable.contains("| Method | 16 bits |") && !ablationTable.contains("8 bits"), ablationTable);
        assertTrue(ablationTable.indexOf("| LSH |") > 0 && ablationTable.indexOf("| LSH |") < ablationTable.indexOf("| LSH small |"),
                ablationTable);
        assertTrue(md.contains("## mAP@all, ablation (kNN ground truth)"), md);
        assertEquals(1, md.split("## Mean \\|bit balance\\|, ablation", -1).length - 1, "code statistics once per group");
        assertFalse(md.contains("## Mean |bit balance|, unsupervised methods"), "the main tables already hold them");
    }

    /** Issue 4's bad input, through the command line: one line on stderr, exit 2, nothing written. */
    @Test
    void badTrainingDataIsRefusedBeforeAnythingIsWritten() throws IOException {
        float[][] x = new float[200][20];
        x[17][3] = Float.NaN;
        Path nan = dir.resolve("nan");
        copyData(nan);
        Npy.writeFloat32(nan.resolve("train.npy"), x);
        assertRefused(run("train", "--method", "itq", "--dataset", "features", "--protocol", "given", "--data-dir",
                nan.toString(), "--bits", "8", "--out", dir.resolve("o1").toString()), dir.resolve("o1"), "non-finite");

        Path unlabelled = dir.resolve("unlabelled");
        copyData(unlabelled);
        Files.delete(unlabelled.resolve("train_labels.npy"));
        assertRefused(run("train", "--method", "sh-bdnn", "--dataset", "features", "--protocol", "given", "--data-dir",
                unlabelled.toString(), "--bits", "8", "--out", dir.resolve("o2").toString()), dir.resolve("o2"), "label");

        Path empty = dir.resolve("empty");
        copyData(empty);
        Npy.writeFloat32(empty.resolve("train.npy"), new float[0][20]);
        Labels.singleLabel(new int[0]).writeNpy(empty.resolve("train_labels.npy"));
        assertRefused(run("train", "--method", "uh-bdnn", "--dataset", "features", "--protocol", "given", "--data-dir",
                empty.toString(), "--bits", "8", "--out", dir.resolve("o3").toString()), dir.resolve("o3"), "");

        assertRefused(run("train", "--method", "uh-bdnn", "--dataset", "features", "--protocol", "given", "--data-dir",
                data.toString(), "--bits", "24", "-p", "hidden2=20", "--out", dir.resolve("o4").toString()),
                dir.resolve("o4"), "hidden2");
    }

    private void copyData(Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(data)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void assertRefused(CliRun r, Path out, String mention) throws IOException {
        String err = r.err();
        assertEquals(2, r.code(), err);
        assertTrue(err.startsWith("error: ") && err.strip().lines().count() == 1, err);
        assertTrue(err.contains(mention), err);
        if (Files.exists(out)) {
            try (var left = Files.walk(out)) {
                assertEquals(java.util.List.of(), left.filter(Files::isRegularFile).toList(), "files left by a refused run");
            }
        }
    }
}
