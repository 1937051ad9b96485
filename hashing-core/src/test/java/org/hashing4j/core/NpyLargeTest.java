package org.hashing4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays beyond 2 GiB, without writing gigabytes: sparse files whose header is real and whose
 * unwritten rows read as zero, plus small files cut into many mapped pieces.
 */
class NpyLargeTest {
    @TempDir
    Path dir;

    /** NUS-WIDE-21 VGG16 fc2 features: 195,834 × 4096 float32 ≈ 3.2 GB. */
    private static final long ROWS = 195_834;
    private static final int COLS = 4096;

    @AfterEach
    void restoreChunks() {
        Npy.maxChunkBytes = 1L << 30;
    }

    private static float[] row(long i) {
        float[] r = new float[COLS];
        for (int j = 0; j < COLS; j++) {
            r[j] = i + j / 10000f;
        }
        return r;
    }

    @Test
    void writesAndReadsAMatrixBeyondTwoGigabytes() throws Exception {
        Path f = dir.resolve("features.npy");
        long straddle = (1L << 31) / (COLS * 4L); // the row just past 2 GiB of data
        long[] written = {0, straddle - 1, straddle, ROWS - 1};
        Npy.writeMatrix(f, Npy.DType.FLOAT32, ROWS, COLS, sink -> {
            for (long i : written) {
                sink.row(i, row(i));
            }
        });
        assertEquals(ROWS * COLS * 4 + 128, Files.size(f), "the file has its full logical size (header 128 bytes)");
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new long[] {ROWS, COLS}, a.shape());
        assertTrue(a.byteLength() > Integer.MAX_VALUE);
        for (long i : written) {
            assertArrayEquals(row(i), a.floatRow(i, null), "row " + i);
        }
        assertArrayEquals(new float[COLS], a.floatRow(straddle + 5, null), "unwritten rows are zero");
        assertEquals(ROWS - 1 + 4095 / 10000f, (float) a.getDouble(ROWS * COLS - 1));
    }

    @Test
    void readsANumpyHeaderedSparseFile() throws Exception {
        // The header numpy itself writes for this shape; the data is a hole except the last row.
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + ROWS + ", " + COLS + "), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        byte[] h = (dict + " ".repeat(pad % 64) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = dir.resolve("numpy.npy");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length);
            raf.write(pre.array());
            raf.write(h);
            long dataStart = 10 + h.length;
            raf.setLength(dataStart + ROWS * COLS * 4);
            ByteBuffer last = ByteBuffer.allocate(COLS * 4).order(ByteOrder.LITTLE_ENDIAN);
            last.asFloatBuffer().put(row(ROWS - 1));
            raf.seek(dataStart + (ROWS - 1) * COLS * 4);
            raf.write(last.array());
        }
        Npy.Array a = Npy.read(f);
        assertEquals(ROWS, a.rows());
        assertArrayEquals(row(ROWS - 1), a.floatRow(ROWS - 1, null));
        assertEquals(0.0, a.getDouble(12345L * COLS + 7));
    }

    @Test
    void manySmallPiecesReadLikeOne() {
        float[][] m = new float[37][5];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < 5; j++) {
                m[i][j] = i * 5 + j;
            }
        }
        Path f = dir.resolve("m.npy");
        Npy.writeFloat32(f, m);
        Npy.maxChunkBytes = 3 * 20 + 7; // three rows a piece (whole rows only)
        Npy.Array a = Npy.read(f);
        float[][] back = a.toFloatMatrix();
        for (int i = 0; i < m.length; i++) {
            assertArrayEquals(m[i], back[i]);
        }
        assertEquals(36 * 5 + 4, a.getDouble(36 * 5 + 4));
        BinaryCodes codes = HammingTest.random(40, 24, 5);
        Path c = dir.resolve("c.npy");
        CodeFiles.write(c, codes);
        Npy.maxChunkBytes = 7;
        assertEquals(codes, CodeFiles.read(c));
    }
}
