package org.hashing4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every code layout Python tools write: read right, or refused naming the layouts it could be. */
class CodeLayoutTest {
    @TempDir
    Path dir;

    /** 48-bit codes as the same matrix of bits in every layout. */
    private static final BinaryCodes CODES = HammingTest.random(9, 48, 11);

    private Path matrix(String name, Npy.DType dtype, java.util.function.IntBinaryOperator value) {
        Path f = dir.resolve(name);
        Npy.writeMatrix(f, dtype, CODES.size(), CODES.bits(), sink -> {
            for (int i = 0; i < CODES.size(); i++) {
                float[] row = new float[CODES.bits()];
                for (int j = 0; j < row.length; j++) {
                    row[j] = value.applyAsInt(i, j);
                }
                sink.row(i, row);
            }
        });
        return f;
    }

    private int bit(int i, int j) {
        return CODES.get(i, j) ? 1 : 0;
    }

    @Test
    void boolZeroOneIsDetectedAsBits() {
        Path f = matrix("bool.npy", Npy.DType.BOOL, this::bit);
        BinaryCodes c = CodeFiles.read(f);
        assertEquals(48, c.bits(), "an unpacked bool matrix is 48 bits, not 384");
        assertEquals(CODES, c);
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.BITS));
    }

    @Test
    void floatPlusMinusOneIsDetectedBySign() {
        Path f = matrix("pm1.npy", Npy.DType.FLOAT32, (i, j) -> 2 * bit(i, j) - 1);
        assertEquals(CODES, CodeFiles.read(f));
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.PM1));
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.REAL));
    }

    @Test
    void realValuesTakeTheSignAtZero() {
        Path f = dir.resolve("real.npy");
        float[][] m = new float[CODES.size()][CODES.bits()];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = bit(i, j) == 1 ? 0.01f * (j + 1) : (j % 3 == 0 ? 0f : -3.5f);
            }
        }
        Npy.writeFloat32(f, m);
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.REAL));
        assertEquals(CODES, CodeFiles.read(f));
        HashingException e = assertThrows(HashingException.class, () -> CodeFiles.read(f, CodeLayout.PM1));
        assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("-1 or +1"), e.getMessage());
    }

    @Test
    void int8PlusMinusOneIsAmbiguousUntilNamed() {
        Path f = matrix("i8.npy", Npy.DType.INT8, (i, j) -> 2 * bit(i, j) - 1);
        HashingException e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().contains("pm1") && e.getMessage().contains("packed (384 bits)")
                && e.getMessage().contains("--code-layout"), e.getMessage());
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.PM1));
        e = assertThrows(HashingException.class, () -> CodeFiles.read(f, CodeLayout.BITS));
        assertTrue(e.getMessage().contains("value -1") && e.getMessage().contains("0 or 1"), e.getMessage());
    }

    @Test
    void uint8ZeroOneIsAmbiguousUntilNamed() {
        Path f = matrix("u8.npy", Npy.DType.UINT8, this::bit);
        HashingException e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("bits (48 bits)")
                && e.getMessage().contains("packed (384 bits)"), e.getMessage());
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.BITS));
        assertEquals(384, CodeFiles.read(f, CodeLayout.PACKED).bits());
    }

    @Test
    void packedWithSidecarOrLargeBytesIsDetected() throws Exception {
        Path f = dir.resolve("packed.npy");
        CodeFiles.write(f, CODES);
        assertEquals(CODES, CodeFiles.read(f));
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.PACKED));
        HashingException e = assertThrows(HashingException.class, () -> CodeFiles.read(f, CodeLayout.BITS));
        assertTrue(e.getMessage().contains("sidecar says 48 bits"), e.getMessage());
        Files.delete(CodeFiles.sidecar(f));
        assertEquals(CODES, CodeFiles.read(f), "bytes above 1 can only be packed");
    }

    @Test
    void wideIntegersAndPackedFloatsAreRefusedClearly() {
        Path f = matrix("i32.npy", Npy.DType.INT32, this::bit);
        HashingException e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().contains("bits or pm1"), e.getMessage());
        assertEquals(CODES, CodeFiles.read(f, CodeLayout.BITS));
        Path g = matrix("f.npy", Npy.DType.FLOAT32, this::bit);
        e = assertThrows(HashingException.class, () -> CodeFiles.read(g, CodeLayout.PACKED));
        assertTrue(e.getMessage().contains("uint8"), e.getMessage());
        assertEquals(CODES, CodeFiles.read(g, CodeLayout.BITS));
    }

    @Test
    void layoutNamesParse() {
        assertEquals(CodeLayout.PM1, CodeLayout.parse("PM1"));
        HashingException e = assertThrows(HashingException.class, () -> CodeLayout.parse("hex"));
        assertTrue(e.getMessage().contains("packed, bits, pm1 or real"), e.getMessage());
    }
}
