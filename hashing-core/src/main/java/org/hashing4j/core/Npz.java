package org.hashing4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes numpy {@code .npz} archives: a zip of {@code <key>.npy} entries, as
 * {@code np.savez} writes them (stored, not compressed; {@code np.savez_compressed} archives are
 * read too). This is how PyTorch {@code state_dict}s reach hashing4j: one entry per parameter,
 * named by its key ({@code layer1.0.conv1.weight}).
 */
public final class Npz {
    private Npz() {
    }

    /** Every array of {@code file}, by key (entry name without {@code .npy}), in archive order. */
    public static Map<String, Npy.Array> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new HashingException(file + ": no such .npz file");
        }
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String key = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(key, Npy.read(in, file + "!" + e.getName()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such .npz file");
        } catch (java.util.zip.ZipException e) {
            throw new HashingException(file + ": not an .npz file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** A float32 array to write: its shape and its C-order values. */
    public record FloatArray(long[] shape, float[] data) {
    }

    /** Writes {@code arrays} as an uncompressed {@code .npz} (what {@code np.savez} writes), atomically. */
    public static void writeFloat32(Path file, Map<String, FloatArray> arrays) {
        AtomicFiles.write(file, raw -> {
            ZipOutputStream zip = new ZipOutputStream(raw);
            for (Map.Entry<String, FloatArray> a : arrays.entrySet()) {
                // STORED entries need their size and CRC up front, so each array is serialised first.
                java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(a.getValue().data().length * 4 + 128);
                Npy.writeFloat32(buf, a.getValue().shape(), a.getValue().data());
                byte[] bytes = buf.toByteArray();
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
