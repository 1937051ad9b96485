package org.hashing4j.cli;

import static org.hashing4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Npy;
import org.hashing4j.core.index.IndexFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python interchange of the command line: every code layout through {@code evaluate},
 * {@code index build} and {@code search}, and FAISS files through {@code index export | import},
 * checked against files FAISS wrote (hashing-core/src/test/resources/faiss, made by the script
 * there).
 */
class InteropCommandsTest {
    private static final Path FAISS = Path.of("../hashing-core/src/test/resources/faiss");

    @TempDir
    Path dir;

    /** Writes the codes one column per bit, value {@code one} for a 1 bit and {@code zero} for a 0 bit. */
    private Path unpacked(String name, BinaryCodes c, Npy.DType dtype, float one, float zero) {
        Path f = dir.resolve(name);
        Npy.writeMatrix(f, dtype, c.size(), c.bits(), sink -> {
            for (int i = 0; i < c.size(); i++) {
                float[] row = new float[c.bits()];
                for (int j = 0; j < row.length; j++) {
                    row[j] = c.get(i, j) ? one : zero;
                }
                sink.row(i, row);
            }
        });
        return f;
    }

    private JsonNode evaluate(Path q, Path db, String... layout) throws IOException {
        Path out = Files.createTempDirectory(dir, "eval");
        String[] base = {"evaluate", "--queries", q.toString(), "--database", db.toString(), "--query-labels",
            dir.resolve("query_labels.npy").toString(), "--db-labels", dir.resolve("db_labels.npy").toString(),
            "--topk", "all", "--radius", "2", "--out", out.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(layout))
                .toArray(String[]::new);
        CliRun r = run(args);
        assertEquals(0, r.code(), r.allErr());
        return new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    }

    @Test
    void everyLayoutEvaluatesLikeThePackedCodesOrIsRefused() throws IOException {
        CliRun g = run("generate-codes", "--out", dir.toString(), "--queries", "20", "--database", "200", "--bits", "48",
                "--classes", "4", "--seed", "5");
        assertEquals(0, g.code(), g.allErr());
        BinaryCodes q = CodeFiles.read(dir.resolve("queries.npy"));
        BinaryCodes db = CodeFiles.read(dir.resolve("database.npy"));
        double expected = evaluate(dir.resolve("queries.npy"), dir.resolve("database.npy")).get("mAP").get("all").asDouble();

        // np.save(codes > 0): bool n x 48 is 48 bits, not 384.
        JsonNode bools = evaluate(unpacked("qb.npy", q, Npy.DType.BOOL, 1, 0), unpacked("db.npy", db, Npy.DType.BOOL, 1, 0));
        assertEquals(48, bools.get("database_code_statistics").get("bits").asInt());
        assertEquals(expected, bools.get("mAP").get("all").asDouble(), 1e-12);
        // DeepHash-pytorch's float32 +-1 codes.
        JsonNode floats = evaluate(unpacked("qf.npy", q, Npy.DType.FLOAT32, 1, -1),
                unpacked("dbf.npy", db, Npy.DType.FLOAT32, 1, -1));
        assertEquals(expected, floats.get("mAP").get("all").asDouble(), 1e-12);
        // int8 +-1 is ambiguous (pm1 or packed) until named.
        Path qi = unpacked("qi.npy", q, Npy.DType.INT8, 1, -1);
        Path dbi = unpacked("dbi.npy", db, Npy.DType.INT8, 1, -1);
        CliRun refused = run("evaluate", "--queries", qi.toString(), "--database", dbi.toString(), "--query-labels",
                dir.resolve("query_labels.npy").toString(), "--db-labels", dir.resolve("db_labels.npy").toString(),
                "--out", dir.resolve("x").toString());
        assertEquals(2, refused.code());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("pm1") && refused.err().contains("packed (384 bits)"), refused.err());
        assertEquals(expected, evaluate(qi, dbi, "--code-layout", "pm1").get("mAP").get("all").asDouble(), 1e-12);

        // index build and search take the same layouts.
        Path idx = dir.resolve("db.idx");
        CliRun b = run("index", "build", "--codes", dbi.toString(), "--code-layout", "pm1", "--out", idx.toString());
        assertEquals(0, b.code(), b.allErr());
        assertEquals(db, IndexFile.open(idx).index().codes(IndexFile.open(idx).index().ids()));
        CliRun s1 = run("search", "--index", idx.toString(), "--queries", dir.resolve("qb.npy").toString(), "-k", "5", "--json");
        CliRun s2 = run("search", "--index", idx.toString(), "--queries", dir.resolve("queries.npy").toString(), "-k", "5", "--json");
        assertEquals(0, s1.code(), s1.allErr());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(s2.out()).get("queries").get(3).get("hits"), m.readTree(s1.out()).get("queries").get(3).get("hits"));
    }

    @Test
    void exportWritesTheBytesFaissWritesAndImportReadsFaissFiles() throws IOException {
        Path idx = dir.resolve("db.idx");
        assertEquals(0, run("index", "build", "--codes", FAISS.resolve("codes-32.npy").toString(), "--out", idx.toString()).code());
        Path out = dir.resolve("out.index");
        CliRun e = run("index", "export", "--index", idx.toString(), "--faiss", out.toString());
        assertEquals(0, e.code(), e.allErr());
        assertArrayEquals(Files.readAllBytes(FAISS.resolve("flat-32.index")), Files.readAllBytes(out));

        Path imported = dir.resolve("imported.idx");
        CliRun i = run("index", "import", "--faiss", FAISS.resolve("idmap-32.index").toString(), "--out", imported.toString());
        assertEquals(0, i.code(), i.allErr());
        assertTrue(i.out().contains("20 codes of 32 bits from IndexBinaryIDMap"), i.out());
        IndexFile f = IndexFile.open(imported);
        assertArrayEquals(java.util.stream.LongStream.range(0, 20).map(k -> 1000 + 7 * k).toArray(), f.index().ids());
        assertEquals(CodeFiles.read(FAISS.resolve("codes-32.npy")), f.index().codes(f.index().ids()));

        CliRun bad = run("index", "import", "--faiss", FAISS.resolve("codes-32.npy").toString(), "--out", imported.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("not a FAISS"), bad.err());
    }
}
