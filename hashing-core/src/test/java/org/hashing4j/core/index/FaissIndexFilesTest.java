package org.hashing4j.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both directions against files FAISS itself wrote (resources/faiss/make_faiss_files.py). */
class FaissIndexFilesTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/faiss/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static long[] fixtureIds() {
        long[] ids = new long[20];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + 7L * i;
        }
        return ids;
    }

    @Test
    void readsAFlatIndexFaissWrote() throws IOException {
        BinaryCodes expected = CodeFiles.read(resource("codes-32.npy"));
        FaissIndexFiles.Contents c = FaissIndexFiles.read(resource("flat-32.index"));
        assertEquals("IndexBinaryFlat", c.type());
        assertEquals(32, c.codes().bits());
        assertEquals(expected, c.codes());
        assertNull(c.ids());
    }

    @Test
    void readsAnIdMapFaissWrote() throws IOException {
        BinaryCodes expected = CodeFiles.read(resource("codes-32.npy"));
        FaissIndexFiles.Contents c = FaissIndexFiles.read(resource("idmap-32.index"));
        assertEquals("IndexBinaryIDMap", c.type());
        assertEquals(expected, c.codes());
        assertArrayEquals(fixtureIds(), c.ids());
    }

    @Test
    void writesTheBytesFaissWrites() throws IOException {
        BinaryCodes codes = CodeFiles.read(resource("codes-32.npy"));
        Path flat = dir.resolve("ours-flat.index");
        FaissIndexFiles.write(flat, codes, null);
        assertArrayEquals(Files.readAllBytes(resource("flat-32.index")), Files.readAllBytes(flat));
        Path idmap = dir.resolve("ours-idmap.index");
        FaissIndexFiles.write(idmap, codes, fixtureIds());
        assertArrayEquals(Files.readAllBytes(resource("idmap-32.index")), Files.readAllBytes(idmap));
    }

    @Test
    void ourSearchFindsFaissDistances() throws IOException {
        FaissIndexFiles.Contents c = FaissIndexFiles.read(resource("flat-32.index"));
        HammingIndex index = HammingIndex.create(IndexKind.EXHAUSTIVE, c.codes().bits(), 1);
        index.add(c.codes());
        SearchResult r = index.search(c.codes().select(new int[] {0, 1, 2}), 5);
        int[][] faiss = Npy.read(resource("search-32.npy")).toIntMatrix();
        for (int q = 0; q < 3; q++) {
            assertArrayEquals(faiss[q], r.distances(q), "query " + q);
        }
    }

    @Test
    void indexRoundTripThroughFaissKeepsIdsAndCodes() {
        BinaryCodes codes = TestCodes.random(50, 64, new java.util.Random(3));
        HammingIndex index = HammingIndex.create(IndexKind.EXHAUSTIVE, 64, 1);
        long[] ids = new long[50];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 5 * i + 2;
        }
        index.add(codes, ids);
        index.remove(7, 12);
        Path f = dir.resolve("x.index");
        FaissIndexFiles.write(f, index);
        FaissIndexFiles.Contents c = FaissIndexFiles.read(f);
        assertArrayEquals(index.ids(), c.ids());
        assertEquals(index.codes(index.ids()), c.codes());
    }

    @Test
    void refusesWhatItCannotRepresent() throws IOException {
        HashingException e = assertThrows(HashingException.class,
                () -> FaissIndexFiles.write(dir.resolve("b.index"), TestCodes.random(3, 30, new java.util.Random(1)), null));
        assertTrue(e.getMessage().contains("divisible by 8"), e.getMessage());
        Path hnsw = dir.resolve("h.index");
        Files.write(hnsw, "IBHf....".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        e = assertThrows(HashingException.class, () -> FaissIndexFiles.read(hnsw));
        assertTrue(e.getMessage().contains("IndexBinaryHNSW") && e.getMessage().contains(hnsw.toString()), e.getMessage());
        Path cut = dir.resolve("cut.index");
        byte[] full = Files.readAllBytes(resource("flat-32.index"));
        Files.write(cut, java.util.Arrays.copyOf(full, full.length - 10));
        e = assertThrows(HashingException.class, () -> FaissIndexFiles.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path npy = resource("codes-32.npy");
        e = assertThrows(HashingException.class, () -> FaissIndexFiles.read(npy));
        assertTrue(e.getMessage().contains("not a FAISS"), e.getMessage());
    }
}
