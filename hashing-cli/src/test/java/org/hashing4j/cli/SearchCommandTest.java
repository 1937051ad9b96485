package org.hashing4j.cli;

import static org.hashing4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.index.ExhaustiveIndex;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.models.encode.ImageInputs;
import org.hashing4j.core.index.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashing index ...} and {@code hashing search} end to end on small files. */
class SearchCommandTest {
    @TempDir
    Path dir;

    /** Exit code, standard output and error output of one command. */
    private static BinaryCodes randomCodes(int n, int bits, Random rnd) {
        float[] v = new float[n * bits];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextBoolean() ? 1 : -1;
        }
        return BinaryCodes.fromSigned(v, n, bits);
    }

    @Test
    void buildThenSearchByCodesAsTextAndJson() throws Exception {
        Random rnd = new Random(1);
        BinaryCodes db = randomCodes(200, 24, rnd);
        BinaryCodes queries = db.select(new int[] {3, 150}).concat(randomCodes(2, 24, rnd));
        CodeFiles.write(dir.resolve("db.npy"), db);
        CodeFiles.write(dir.resolve("q.npy"), queries);
        StringBuilder ids = new StringBuilder();
        StringBuilder paths = new StringBuilder();
        long[] idArray = new long[200];
        for (int i = 0; i < 200; i++) {
            idArray[i] = 5000 + 7L * i;
            ids.append(idArray[i]).append('\n');
            paths.append("images/").append(i).append(".png\n");
        }
        Files.writeString(dir.resolve("ids.txt"), ids);
        Files.writeString(dir.resolve("paths.txt"), paths);
        String idx = dir.resolve("db.idx").toString();

        CliRun build = run("index", "build", "--codes", dir.resolve("db.npy").toString(), "--ids", dir.resolve("ids.txt").toString(),
                "--paths", dir.resolve("paths.txt").toString(), "--kind", "mih", "--out", idx);
        assertEquals(0, build.code(), build.allErr());
        assertTrue(build.out().contains("200 codes of 24 bits, kind mih, with paths"), build.out());

        CliRun text = run("search", "--index", idx, "--queries", dir.resolve("q.npy").toString(), "-k", "3");
        assertEquals(0, text.code(), text.allErr());
        assertTrue(text.out().contains("query 0 (q.npy[0]): 3 hits (k=3)"), text.out());
        assertTrue(text.out().matches("(?s).*\\n\\s+1\\s+5021\\s+0\\s+images/3\\.png\\n.*"), text.out());
        assertTrue(text.out().matches("(?s).*\\n\\s+1\\s+6050\\s+0\\s+images/150\\.png\\n.*"), text.out());

        ExhaustiveIndex ref = new ExhaustiveIndex(24, 1);
        ref.add(db, idArray);
        for (String[] mode : new String[][] {{"-k", "5"}, {"--radius", "4"}}) {
            CliRun js = run("search", "--index", idx, "--queries", dir.resolve("q.npy").toString(), mode[0], mode[1], "--json",
                    "--kind", "exhaustive", "--threads", "2");
            assertEquals(0, js.code(), js.allErr());
            JsonNode root = new ObjectMapper().readTree(js.out());
            SearchResult expected = mode[0].equals("-k") ? ref.search(queries, 5) : ref.rangeSearch(queries, 4);
            assertEquals(4, root.get("queries").size());
            for (int q = 0; q < 4; q++) {
                JsonNode hits = root.get("queries").get(q).get("hits");
                assertEquals(expected.count(q), hits.size());
                for (int j = 0; j < hits.size(); j++) {
                    long id = hits.get(j).get("id").asLong();
                    assertEquals(expected.id(q, j), id);
                    assertEquals(expected.distance(q, j), hits.get(j).get("distance").asInt());
                    assertEquals("images/" + (id - 5000) / 7 + ".png", hits.get(j).get("path").asText());
                }
            }
        }

        // In-place maintenance through the command line.
        CodeFiles.write(dir.resolve("more.npy"), randomCodes(3, 24, rnd));
        CliRun add = run("index", "add", "--index", idx, "--codes", dir.resolve("more.npy").toString());
        assertEquals(0, add.code(), add.allErr());
        assertTrue(add.out().contains("added 3 codes") && add.out().contains("ids 6394 .. 6396") && add.out().contains("now holds 203"),
                add.out());
        CliRun remove = run("index", "remove", "--index", idx, "5000", "6394");
        assertEquals(0, remove.code(), remove.allErr());
        assertTrue(remove.out().contains("now holds 201"), remove.out());
        CliRun info = run("index", "info", idx);
        assertEquals(0, info.code(), info.allErr());
        assertTrue(info.out().contains("201 codes of 24 bits") && info.out().contains("checksums ok"), info.out());
    }

    @Test
    void badInputGivesOneLineErrorsAndExitCode2() throws Exception {
        Random rnd = new Random(2);
        CodeFiles.write(dir.resolve("db.npy"), randomCodes(50, 32, rnd));
        CodeFiles.write(dir.resolve("q16.npy"), randomCodes(2, 16, rnd));
        CodeFiles.write(dir.resolve("q32.npy"), randomCodes(2, 32, rnd));
        String idx = dir.resolve("db.idx").toString();
        assertEquals(0, run("index", "build", "--codes", dir.resolve("db.npy").toString(), "--out", idx).code());
        byte[] before = Files.readAllBytes(dir.resolve("db.idx"));

        CliRun bits = run("search", "--index", idx, "--queries", dir.resolve("q16.npy").toString(), "-k", "3");
        assertEquals(2, bits.code());
        assertTrue(bits.allErr().contains("error: queries have 16 bits but the index holds 32-bit codes"), bits.allErr());
        CliRun k0 = run("search", "--index", idx, "--queries", dir.resolve("q32.npy").toString(), "-k", "0");
        assertEquals(2, k0.code());
        assertTrue(k0.allErr().contains("error: k must be >= 1, got 0"), k0.allErr());
        CliRun neg = run("search", "--index", idx, "--queries", dir.resolve("q32.npy").toString(), "--radius", "-1");
        assertEquals(2, neg.code());
        assertTrue(neg.allErr().contains("error: search radius must be >= 0, got -1"), neg.allErr());
        CliRun missing = run("index", "remove", "--index", idx, "3", "77");
        assertEquals(2, missing.code());
        assertTrue(missing.allErr().contains("error: id 77 is not in the index; nothing removed"), missing.allErr());
        Files.writeString(dir.resolve("foreign.idx"), "x".repeat(5000));
        CliRun foreign = run("search", "--index", dir.resolve("foreign.idx").toString(), "--queries",
                dir.resolve("q32.npy").toString(), "-k", "1");
        assertEquals(2, foreign.code());
        assertTrue(foreign.allErr().contains("not a hashing4j index file"), foreign.allErr());
        assertFalse(foreign.allErr().contains("\tat "), "no stack trace without --debug");
        CliRun both = run("search", "--index", idx, "--queries", dir.resolve("q32.npy").toString(), "-k", "1", "--radius", "2");
        assertTrue(both.code() != 0 && both.allErr().contains("mutually exclusive"), both.allErr());
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(dir.resolve("db.idx"))));
    }

    /**
     * A 16-bit "average hash" on 4×4 grey thumbnails: bit j is pixel j ≥ 0.5. Stands in for a trained
     * model (the search command loads models through {@link SearchCommand#modelLoader}).
     */
    private static class ThumbnailHash implements HashFunction {
        @Override
        public int bits() {
            return 16;
        }

        @Override
        public int inputDimension() {
            return 16;
        }

        @Override
        public BinaryCodes encode(float[][] features) {
            checkInput(features);
            float[] v = new float[features.length * 16];
            for (int i = 0; i < features.length; i++) {
                for (int j = 0; j < 16; j++) {
                    v[i * 16 + j] = features[i][j] - 0.5f;
                }
            }
            return BinaryCodes.fromSigned(v, features.length, 16);
        }

        @Override
        public String method() {
            return "thumbnail-hash";
        }

        @Override
        public Map<String, Object> provenance() {
            return Map.of("image_shape", List.of(1, 4, 4));
        }
    }

    @Test
    void searchByImageEncodesWithTheModelAndPrintsPaths() throws Exception {
        Random rnd = new Random(3);
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // 8x8 images made of 2x2 blocks of black or white, so the 4x4 thumbnail is exact.
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            for (int by = 0; by < 4; by++) {
                for (int bx = 0; bx < 4; bx++) {
                    int rgb = rnd.nextBoolean() ? 0xFFFFFF : 0x000000;
                    for (int y = 0; y < 2; y++) {
                        for (int x = 0; x < 2; x++) {
                            img.setRGB(2 * bx + x, 2 * by + y, rgb);
                        }
                    }
                }
            }
            Path p = dir.resolve("img" + i + ".png");
            ImageIO.write(img, "png", p.toFile());
            images.add(p);
        }
        HashFunction model = new ThumbnailHash();
        BinaryCodes db = model.encode(org.hashing4j.models.encode.ImageInputs.read(model, images));
        CodeFiles.write(dir.resolve("db.npy"), db);
        StringBuilder paths = new StringBuilder();
        for (Path p : images) {
            paths.append(p).append('\n');
        }
        Files.writeString(dir.resolve("paths.txt"), paths);
        String idx = dir.resolve("db.idx").toString();
        assertEquals(0, run("index", "build", "--codes", dir.resolve("db.npy").toString(), "--paths",
                dir.resolve("paths.txt").toString(), "--kind", "exhaustive", "--out", idx).code());

        Function<Path, HashFunction> saved = SearchCommand.modelLoader;
        SearchCommand.modelLoader = p -> model;
        try {
            CliRun r = run("search", "--index", idx, "--model", "thumb.zip", "--image", images.get(7).toString(), "-k", "1",
                    "--json");
            assertEquals(0, r.code(), r.allErr());
            JsonNode hit = new ObjectMapper().readTree(r.out()).get("queries").get(0).get("hits").get(0);
            assertEquals(0, hit.get("distance").asInt());
            long id = hit.get("id").asLong();
            assertEquals(db.select(new int[] {7}), db.select(new int[] {(int) id}), "an image with the same code");
            assertEquals(images.get((int) id).toString(), hit.get("path").asText());

            CliRun missing = run("search", "--index", idx, "--model", "thumb.zip", "--image", dir.resolve("nope.png").toString(),
                    "-k", "1");
            assertEquals(2, missing.code());
            assertTrue(missing.allErr().contains("nope.png: image file missing"), missing.allErr());
        } finally {
            SearchCommand.modelLoader = saved;
        }
    }

    @Test
    void searchByImageWithASavedModelFile() throws Exception {
        // A real model file: LSH fitted on random 28x28 grey "images", saved and loaded by ModelFiles.
        Path modelFile = PixelModels.lsh28x28(dir.resolve("lsh.zip"), 5);
        Random rnd = new Random(6);
        List<Path> images = new ArrayList<>();
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = rnd.nextInt(256);
                    img.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            Path p = dir.resolve("photo" + i + ".png");
            ImageIO.write(img, "png", p.toFile());
            images.add(p);
            paths.append(p).append('\n');
        }
        HashFunction loaded = org.hashing4j.models.ModelFiles.load(modelFile);
        CodeFiles.write(dir.resolve("db.npy"), loaded.encode(org.hashing4j.models.encode.ImageInputs.read(loaded, images)));
        Files.writeString(dir.resolve("paths.txt"), paths);
        String idx = dir.resolve("photos.idx").toString();
        assertEquals(0, run("index", "build", "--codes", dir.resolve("db.npy").toString(), "--paths",
                dir.resolve("paths.txt").toString(), "--kind", "mih", "--out", idx).code());
        CliRun r = run("search", "--index", idx, "--model", modelFile.toString(), "--image", images.get(4).toString(),
                images.get(9).toString(), "-k", "2");
        assertEquals(0, r.code(), r.allErr());
        assertTrue(r.out().contains("query 0 (" + images.get(4) + "): 2 hits"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+1\\s+4\\s+0\\s+" + java.util.regex.Pattern.quote(images.get(4).toString()) + "\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+1\\s+9\\s+0\\s+" + java.util.regex.Pattern.quote(images.get(9).toString()) + "\\n.*"), r.out());

        // A model for other bit lengths is refused before searching.
        CodeFiles.write(dir.resolve("db16.npy"), BinaryCodes.fromSigned(new float[16 * 3], 3, 16));
        String idx16 = dir.resolve("db16.idx").toString();
        assertEquals(0, run("index", "build", "--codes", dir.resolve("db16.npy").toString(), "--out", idx16).code());
        CliRun wrong = run("search", "--index", idx16, "--model", modelFile.toString(), "--image", images.get(0).toString(),
                "-k", "1");
        assertEquals(2, wrong.code());
        assertTrue(wrong.allErr().contains("makes 32-bit codes but") && wrong.allErr().contains("holds 16-bit codes"), wrong.allErr());
    }

    @Test
    void imageShapeComesFromProvenanceOrTheInputDimension() {
        assertEquals(List.of(1, 4, 4), box(org.hashing4j.models.encode.ImageInputs.inputShape(new ThumbnailHash())));
        HashFunction mnistLike = new ThumbnailHash() {
            @Override
            public int inputDimension() {
                return 784;
            }

            @Override
            public Map<String, Object> provenance() {
                return Map.of();
            }
        };
        assertEquals(List.of(1, 28, 28), box(org.hashing4j.models.encode.ImageInputs.inputShape(mnistLike)));
        HashFunction features = new ThumbnailHash() {
            @Override
            public int inputDimension() {
                return 4096;
            }

            @Override
            public Map<String, Object> provenance() {
                return Map.of("image_shape", new int[] {3, 32, 32});
            }
        };
        org.hashing4j.core.HashingException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.hashing4j.core.HashingException.class, () -> org.hashing4j.models.encode.ImageInputs.inputShape(features));
        assertTrue(e.getMessage().contains("does not fit its input of 4096 values"), e.getMessage());
    }

    private static List<Integer> box(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    @Test
    void indexFileWrittenByCliOpensInCore() throws Exception {
        Random rnd = new Random(4);
        CodeFiles.write(dir.resolve("db.npy"), randomCodes(10, 8, rnd));
        assertEquals(0, run("index", "build", "--codes", dir.resolve("db.npy").toString(), "--out",
                dir.resolve("x.idx").toString(), "--kind", "exhaustive").code());
        assertEquals(10, IndexFile.open(dir.resolve("x.idx")).size());
    }
}
