package org.hashing4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Code files: an n × ceil(bits/8) uint8 {@code .npy} matrix, eight bits a byte, most significant bit
 * first (numpy {@code packbits} and FAISS binary-index layout), plus a JSON sidecar
 * {@code <file>.json} (e.g. {@code codes.npy.json}) that records the exact bit length, since the
 * byte matrix alone cannot tell 30 bits from 32. Both are written atomically, sidecar first, so a
 * code file is never paired with a stale bit count.
 */
public final class CodeFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CodeFiles() {
    }

    /** The sidecar path of a code file. */
    public static Path sidecar(Path codes) {
        return codes.resolveSibling(codes.getFileName() + ".json");
    }

    /** Writes codes and their sidecar atomically. */
    public static void write(Path file, BinaryCodes codes) {
        String meta = "{\"format\": \"hashing4j-codes\", \"version\": 1, \"bits\": " + codes.bits()
                + ", \"count\": " + codes.size() + ", \"bit_order\": \"msb-first\"}\n";
        AtomicFiles.writeString(sidecar(file), meta);
        Npy.writeUint8(file, codes.toPackedBytes(), codes.size(), codes.bytesPerCode());
    }

    /**
     * Reads a code file. Without a sidecar the bit length is taken as 8 × bytes per row (the usual
     * case for files made by other tools).
     */
    public static BinaryCodes read(Path file) {
        Npy.Array a = Npy.read(file);
        if (a.dtype() != Npy.DType.UINT8 && a.dtype() != Npy.DType.BOOL && a.dtype() != Npy.DType.INT8) {
            throw new HashingException(file + ": codes must be a uint8 matrix (packed bits), got " + a.dtype());
        }
        if (a.rank() != 2) {
            throw new HashingException(file + ": codes must be a 2-D n x bytes matrix, got a " + a.rank() + "-D array");
        }
        int n = Math.toIntExact(a.shape()[0]);
        int bytesPerRow = Math.toIntExact(a.shape()[1]);
        int bits = bytesPerRow * 8;
        Path side = sidecar(file);
        if (Files.exists(side)) {
            try {
                JsonNode meta = JSON.readTree(side.toFile());
                if (meta == null || !meta.has("bits") || !meta.get("bits").canConvertToInt()) {
                    throw new HashingException(side + ": sidecar has no integer 'bits' field");
                }
                bits = meta.get("bits").asInt();
                if (meta.has("count") && meta.get("count").asLong() != n) {
                    throw new HashingException(side + ": sidecar says " + meta.get("count").asLong()
                            + " codes but " + file.getFileName() + " holds " + n);
                }
            } catch (IOException e) {
                throw new HashingException(side + ": unreadable sidecar (" + e.getMessage() + ")", e);
            }
            if (bits < 1 || (bits + 7) / 8 != bytesPerRow) {
                throw new HashingException(side + ": sidecar says " + bits + " bits, but " + file.getFileName()
                        + " has " + bytesPerRow + " bytes per code");
            }
        }
        if (n == 0) {
            return BinaryCodes.fromWords(0, Math.max(bits, 1), new long[0]);
        }
        return BinaryCodes.fromPackedBytes(a.toBytes(), n, bits);
    }
}
