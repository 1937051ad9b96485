package org.hashing4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashing index build --model M --images LIST_OR_DIR}, then {@code hashing search --image}. */
class CollectionCommandTest {
    @TempDir
    Path tmp;

    /** 4 bits: the mean brightness of each quadrant of a 2x2 thumbnail above one half. */
    static final class Quadrants implements HashFunction {
        @Override
        public int bits() {
            return 4;
        }

        @Override
        public int inputDimension() {
            return 4;
        }

        @Override
        public BinaryCodes encode(float[][] f) {
            float[] v = new float[f.length * 4];
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < 4; j++) {
                    v[i * 4 + j] = f[i][j] - 0.5f;
                }
            }
            return BinaryCodes.fromSigned(v, f.length, 4);
        }

        @Override
        public String method() {
            return "quadrants";
        }

        @Override
        public Map<String, Object> provenance() {
            return Map.of("image_shape", List.of(1, 2, 2));
        }
    }

    private Path image(String rel, int mask) throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int q = 0; q < 4; q++) {
            int v = (mask >> (3 - q) & 1) == 1 ? 255 : 0;
            for (int k = 0; k < 4; k++) {
                img.getRaster().setSample((q % 2) * 2 + k % 2, (q / 2) * 2 + k / 2, 0, v);
            }
        }
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    private <T> T withModel(java.util.concurrent.Callable<T> body) throws Exception {
        Function<Path, HashFunction> saved = SearchCommand.modelLoader;
        SearchCommand.modelLoader = p -> new Quadrants();
        try {
            return body.call();
        } finally {
            SearchCommand.modelLoader = saved;
        }
    }

    @Test
    void indexBuiltFromAFolderIsSearchedByImageFile() throws Exception {
        for (int m = 0; m < 16; m++) {
            image("photos/" + (m < 8 ? "a" : "b") + "/" + m + ".png", m);
        }
        Path query = image("query.png", 0b1010);
        Path idx = tmp.resolve("db.idx");
        CliRun build = withModel(() -> CliRun.run("index", "build", "--model", "m.zip", "--images",
                tmp.resolve("photos").toString(), "--threads", "2", "--batch-size", "3", "--out", idx.toString()));
        assertEquals(0, build.code(), build.allErr());
        assertTrue(build.out().contains("16 codes of 4 bits, kind exhaustive, with paths"), build.out());
        assertTrue(build.stderr().contains("images/s decoded and encoded"), build.stderr());
        CliRun search = withModel(() -> CliRun.run("search", "--index", idx.toString(), "--model", "m.zip", "--image",
                query.toString(), "-k", "1"));
        assertEquals(0, search.code(), search.allErr());
        assertTrue(search.out().contains(tmp.resolve("photos/b/10.png").toString()), search.out());
    }

    @Test
    void aListNamingAFileThatIsNotAnImageEndsWithOneLineNamingIt() throws Exception {
        image("data/x.png", 1);
        Files.writeString(tmp.resolve("data/readme.png"), "text, not pixels");
        Files.writeString(tmp.resolve("data/list.txt"), "x.png\nreadme.png\n");
        CliRun r = withModel(() -> CliRun.run("index", "build", "--model", "m.zip", "--images",
                tmp.resolve("data/list.txt").toString(), "--out", tmp.resolve("db.idx").toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + tmp.resolve("data/readme.png") + ": "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(!Files.exists(tmp.resolve("db.idx")));
        CliRun skipped = withModel(() -> CliRun.run("index", "build", "--model", "m.zip", "--images",
                tmp.resolve("data/list.txt").toString(), "--skip-missing", "--out", tmp.resolve("db.idx").toString()));
        assertEquals(0, skipped.code(), skipped.allErr());
        assertTrue(skipped.stderr().contains("skipped 1 unreadable"), skipped.stderr());
    }

    @Test
    void listEntriesOutsideTheListsFolderAreRefused() throws Exception {
        image("outside.png", 3);
        image("data/x.png", 1);
        Files.writeString(tmp.resolve("data/list.txt"), "x.png\n../outside.png\n");
        CliRun r = withModel(() -> CliRun.run("index", "build", "--model", "m.zip", "--images",
                tmp.resolve("data/list.txt").toString(), "--out", tmp.resolve("db.idx").toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + tmp.resolve("data/list.txt") + ":2: '../outside.png' lies outside"),
                r.err());
    }
}
