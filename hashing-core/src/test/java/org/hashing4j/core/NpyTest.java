package org.hashing4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    /** Copies a numpy-written file from the test resources (see resources/npy/README.md). */
    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void float32MatrixRoundTrip() {
        float[][] m = {{1.5f, -2f, 0f}, {Float.MIN_VALUE, 3.25e10f, -0f}};
        Path f = dir.resolve("m.npy");
        Npy.writeFloat32(f, m);
        Npy.Array a = Npy.read(f);
        assertEquals(Npy.DType.FLOAT32, a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(6, a.length());
        float[][] back = a.toFloatMatrix();
        for (int i = 0; i < m.length; i++) {
            assertArrayEquals(m[i], back[i]);
        }
        assertEquals(-2.0, a.getDouble(1));
    }

    @Test
    void float32VectorRoundTrip() {
        Path f = dir.resolve("v.npy");
        Npy.writeFloat32(f, new float[] {0.5f, -7f});
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new long[] {2}, a.shape());
        assertEquals(-7.0, a.getDouble(1));
    }

    @Test
    void int32VectorAndMatrixRoundTrip() {
        Path v = dir.resolve("v.npy");
        Npy.writeInt32(v, new int[] {3, -1, Integer.MAX_VALUE});
        assertArrayEquals(new int[] {3, -1, Integer.MAX_VALUE}, Npy.read(v).toIntVector());
        Path m = dir.resolve("m.npy");
        int[][] mat = {{0, 1, 0}, {1, 1, -5}};
        Npy.writeInt32(m, mat);
        Npy.Array a = Npy.read(m);
        assertEquals(Npy.DType.INT32, a.dtype());
        assertArrayEquals(mat, a.toIntMatrix());
    }

    @Test
    void uint8RoundTrip() {
        Path f = dir.resolve("u.npy");
        byte[] data = {0, 1, (byte) 255, (byte) 128, 7, 9};
        Npy.writeUint8(f, data, 3, 2);
        Npy.Array a = Npy.read(f);
        assertEquals(Npy.DType.UINT8, a.dtype());
        assertArrayEquals(new long[] {3, 2}, a.shape());
        assertArrayEquals(data, a.toBytes());
        assertEquals(255.0, a.getDouble(2));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeUint8(f, data, 4, 2));
    }

    @Test
    void emptyArraysRoundTrip() {
        Path f = dir.resolve("e.npy");
        Npy.writeInt32(f, new int[0]);
        assertEquals(0, Npy.read(f).toIntVector().length);
    }

    @Test
    void headersArePaddedToSixtyFourBytes() throws IOException {
        Path f = dir.resolve("h.npy");
        Npy.writeInt32(f, new int[] {1, 2, 3});
        byte[] b = Files.readAllBytes(f);
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        assertEquals('\n', b[10 + headerLen - 1]);
        String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'shape': (3,)"), header);
    }

    @Test
    void readsBigEndianFiles() throws IOException {
        Npy.Array a = Npy.read(resource("int32-big-endian.npy"));
        assertArrayEquals(new int[][] {{-5000, -4000, -3000, -2000}, {-1000, 0, 1000, 2000}, {3000, 4000, 5000, 6000}},
                a.toIntMatrix());
    }

    @Test
    void readsFortranOrderFiles() throws IOException {
        Npy.Array a = Npy.read(resource("int32-fortran.npy"));
        assertArrayEquals(new int[][] {{-20, -13, -6, 1}, {8, 15, 22, 29}, {36, 43, 50, 57}}, a.toIntMatrix());
        assertEquals(-13.0, a.getDouble(1));
    }

    @Test
    void readsBigEndianFortranFloat64() throws IOException {
        Npy.Array a = Npy.read(resource("float64-big-endian-fortran.npy"));
        float[][] m = a.toFloatMatrix();
        assertArrayEquals(new float[] {-0.5f, -0.25f, 0f}, m[0]);
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f}, m[1]);
    }

    @Test
    void readsOtherNumpyTypes() throws IOException {
        assertArrayEquals(new int[] {3, 0, 9, 2}, Npy.read(resource("int64-labels.npy")).toIntVector());
        assertArrayEquals(new int[][] {{1, 0, 1}, {0, 0, 1}}, Npy.read(resource("bool-multihot.npy")).toIntMatrix());
        Npy.Array v = Npy.read(resource("float32-vector.npy"));
        assertEquals(-2.25, v.getDouble(1));
        Npy.Array packed = Npy.read(resource("packbits-11.npy"));
        assertEquals(BinaryCodes.fromBitStrings("10110010111", "01000000001", "11111111111"),
                BinaryCodes.fromPackedBytes(packed.toBytes(), 3, 11));
    }

    @Test
    void floatValuesAreNotSilentlyTruncatedToIntegers() {
        Path f = dir.resolve("f.npy");
        Npy.writeFloat32(f, new float[] {1f, 2.5f});
        HashingException e = assertThrows(HashingException.class, () -> Npy.read(f).toIntVector());
        assertTrue(e.getMessage().contains("2.5"), e.getMessage());
        Npy.writeFloat32(f, new float[] {1f, 2f});
        assertArrayEquals(new int[] {1, 2}, Npy.read(f).toIntVector());
    }

    @Test
    void wrongShapeRequestsAreErrors() {
        Path f = dir.resolve("m.npy");
        Npy.writeInt32(f, new int[][] {{1, 2}, {3, 4}});
        assertThrows(HashingException.class, () -> Npy.read(f).toIntVector());
        Npy.writeInt32(f, new int[] {1, 2});
        assertThrows(HashingException.class, () -> Npy.read(f).toFloatMatrix());
        assertThrows(HashingException.class, () -> Npy.read(f).toBytes());
    }

    @Test
    void raggedMatricesAreRefused() {
        Path f = dir.resolve("r.npy");
        assertThrows(IllegalArgumentException.class, () -> Npy.writeInt32(f, new int[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(f, new float[][] {{1f}, {2f, 3f}}));
        assertTrue(Files.notExists(f), "a failed write leaves no file");
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("a.npy");
        Npy.writeInt32(f, new int[] {1});
        Npy.writeInt32(f, new int[] {1, 2, 3});
        assertArrayEquals(new int[] {1, 2, 3}, Npy.read(f).toIntVector());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    private Path validFile() {
        Path f = dir.resolve("valid.npy");
        Npy.writeInt32(f, new int[] {1, 2, 3, 4, 5});
        return f;
    }

    private void assertRejected(byte[] content, String expectedFragment) throws IOException {
        Path bad = dir.resolve("bad.npy");
        Files.write(bad, content);
        HashingException e = assertThrows(HashingException.class, () -> Npy.read(bad));
        assertTrue(e.getMessage().contains(bad.toString()), "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void truncatedFilesAreRejectedNamingTheFile() throws IOException {
        byte[] good = Files.readAllBytes(validFile());
        assertRejected(Arrays.copyOf(good, good.length - 1), "truncated");
        assertRejected(Arrays.copyOf(good, 70), "truncated");
        assertRejected(Arrays.copyOf(good, 4), "magic");
        assertRejected(new byte[0], "magic");
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertRejected(longer, "needs");
    }

    @Test
    void corruptFilesAreRejectedNamingTheFile() throws IOException {
        byte[] good = Files.readAllBytes(validFile());
        byte[] magic = good.clone();
        magic[1] = 'X';
        assertRejected(magic, "magic");
        byte[] version = good.clone();
        version[6] = 9;
        assertRejected(version, "version");
        String header = new String(good, 0, 64, StandardCharsets.ISO_8859_1);
        assertRejected(replaceHeader(good, header.replace("<i4", "<c8")), "element type");
        assertRejected(replaceHeader(good, header.replace("'shape'", "'shope'")), "malformed");
        assertRejected(replaceHeader(good, header.replace("(5,)", "(x,)")), "shape");
        byte[] hugeHeader = good.clone();
        hugeHeader[8] = (byte) 0xFF;
        hugeHeader[9] = (byte) 0xFF;
        assertRejected(hugeHeader, "truncated");
    }

    private static byte[] replaceHeader(byte[] file, String newHeader) {
        byte[] h = newHeader.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = file.clone();
        System.arraycopy(h, 0, out, 0, Math.min(64, h.length));
        return out;
    }

    @Test
    void missingFileIsAOneLineError() {
        Path missing = dir.resolve("nope.npy");
        HashingException e = assertThrows(HashingException.class, () -> Npy.read(missing));
        assertTrue(e.getMessage().contains("nope.npy") && e.getMessage().contains("no such file"), e.getMessage());
    }
}
