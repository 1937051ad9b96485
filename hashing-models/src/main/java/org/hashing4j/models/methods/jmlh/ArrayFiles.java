package org.hashing4j.models.methods.jmlh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named arrays as {@code .npy} entries (readable from NumPy) and small zip bundles of entries, for
 * model files and checkpoints.
 */
final class ArrayFiles {
    private ArrayFiles() {
    }

    static byte[] toNpy(INDArray a) {
        return Nd4j.toNpyByteArray(a);
    }

    static INDArray fromNpy(byte[] bytes, String source, String name) {
        try {
            return Nd4j.createNpyFromByteArray(bytes).dup();
        } catch (RuntimeException e) {
            throw new HashingException(source + ": entry '" + name + "' is not a valid .npy array", e);
        }
    }

    static byte[] zip(Map<String, byte[]> entries) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (ZipOutputStream zos = new ZipOutputStream(bos)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zos.putNextEntry(new ZipEntry(e.getKey()));
                    zos.write(e.getValue());
                    zos.closeEntry();
                }
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory zip failed", e);
        }
    }

    static Map<String, byte[]> unzip(byte[] zip, String source) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zis = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = zis.getNextEntry()) != null) {
                entries.put(e.getName(), zis.readAllBytes());
            }
        } catch (ZipException e) {
            throw new HashingException(source + ": not a valid zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new HashingException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (entries.isEmpty()) {
            throw new HashingException(source + ": empty or not a zip file");
        }
        return entries;
    }
}
