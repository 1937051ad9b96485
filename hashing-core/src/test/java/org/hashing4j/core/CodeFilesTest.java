package org.hashing4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 30, 63, 64, 65, 130})
    void roundTripKeepsTheExactBitLength(int bits) {
        BinaryCodes codes = HammingTest.random(13, bits, bits);
        Path f = dir.resolve("codes.npy");
        CodeFiles.write(f, codes);
        assertEquals(codes, CodeFiles.read(f));
        Npy.Array raw = Npy.read(f);
        assertEquals(Npy.DType.UINT8, raw.dtype());
        assertArrayEquals(new long[] {13, (bits + 7) / 8}, raw.shape());
        assertArrayEquals(codes.toPackedBytes(), raw.toBytes());
    }

    @Test
    void sidecarRecordsBitsCountAndLayout() throws IOException {
        Path f = dir.resolve("c.npy");
        CodeFiles.write(f, BinaryCodes.fromBitStrings("101", "011"));
        Path side = CodeFiles.sidecar(f);
        assertEquals(dir.resolve("c.npy.json"), side);
        JsonNode meta = new ObjectMapper().readTree(side.toFile());
        assertEquals(3, meta.get("bits").asInt());
        assertEquals(2, meta.get("count").asInt());
        assertEquals("msb-first", meta.get("bit_order").asText());
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            assertEquals(List.of("c.npy", "c.npy.json"), names, "no temporary files left behind");
        }
    }

    @Test
    void withoutSidecarEveryByteIsEightBits() throws IOException {
        // A numpy packbits file with no sidecar reads as 16-bit codes (the padding bits are zero).
        Path f = dir.resolve("numpy.npy");
        try (InputStream in = getClass().getResourceAsStream("/npy/packbits-11.npy")) {
            Files.copy(in, f);
        }
        BinaryCodes c = CodeFiles.read(f);
        assertEquals(16, c.bits());
        assertEquals("1011001011100000", c.toBitString(0));
    }

    @Test
    void mismatchedSidecarIsAnError() throws IOException {
        Path f = dir.resolve("c.npy");
        CodeFiles.write(f, HammingTest.random(4, 20, 1));
        Path side = CodeFiles.sidecar(f);
        Files.writeString(side, "{\"bits\": 32, \"count\": 4}");
        HashingException e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().contains(side.toString()) && e.getMessage().contains("32 bits"), e.getMessage());
        Files.writeString(side, "{\"bits\": 20, \"count\": 5}");
        e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().contains("5 codes"), e.getMessage());
        Files.writeString(side, "{\"count\": 4}");
        e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().contains("'bits'"), e.getMessage());
        Files.writeString(side, "{not json");
        e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().contains("unreadable sidecar"), e.getMessage());
        // 17 bits would fit in the 3 bytes, but the padding bits of these 20-bit codes are not zero.
        Files.writeString(side, "{\"bits\": 17, \"count\": 4}");
        assertThrows(HashingException.class, () -> CodeFiles.read(f));
    }

    @Test
    void nonCodeArraysAreRejected() {
        Path f = dir.resolve("f.npy");
        Npy.writeFloat32(f, new float[] {1f, -1f});
        HashingException e = assertThrows(HashingException.class, () -> CodeFiles.read(f));
        assertTrue(e.getMessage().contains("2-D matrix"), e.getMessage());
        Npy.writeFloat32(f, new float[][] {{1f}});
        e = assertThrows(HashingException.class, () -> CodeFiles.read(f, CodeLayout.PACKED));
        assertTrue(e.getMessage().contains("uint8"), e.getMessage());
        Path v = dir.resolve("v.npy");
        Npy.writeUint8(v, new byte[] {1, 2}, 2, 1);
        assertEquals(8, CodeFiles.read(v).bits());
    }

    @Test
    void emptyCodeFilesRoundTrip() {
        Path f = dir.resolve("e.npy");
        CodeFiles.write(f, BinaryCodes.fromWords(0, 24, new long[0]));
        BinaryCodes back = CodeFiles.read(f);
        assertEquals(0, back.size());
        assertEquals(24, back.bits());
    }

    @Test
    void rewritingReplacesBothFiles() {
        Path f = dir.resolve("c.npy");
        CodeFiles.write(f, HammingTest.random(4, 20, 1));
        BinaryCodes second = HammingTest.random(6, 9, 2);
        CodeFiles.write(f, second);
        assertEquals(second, CodeFiles.read(f));
    }
}
