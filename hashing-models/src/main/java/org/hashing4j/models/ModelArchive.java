package org.hashing4j.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The entries of a model file (a zip): {@code model.json} (method, bits, input dimension,
 * provenance, metrics) written by {@link ModelFiles}, plus whatever entries the method writes
 * (matrices, DL4J network zips, settings).
 */
public final class ModelArchive {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArchive() {
    }

    /** Collects named entries in memory; {@link ModelFiles} writes them out atomically. */
    public static final class Writer {
        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        /** Adds a raw entry. */
        public void put(String name, byte[] bytes) {
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("duplicate model entry " + name);
            }
            entries.put(name, bytes);
        }

        /** Adds an entry written through a stream (e.g. a DL4J {@code ModelSerializer}). */
        public void put(String name, StreamWriter writer) throws IOException {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            writer.write(bos);
            put(name, bos.toByteArray());
        }

        /** Adds a JSON entry from a map / bean. */
        public void putJson(String name, Object value) throws IOException {
            put(name, JSON.writeValueAsBytes(value));
        }

        /** Adds a float matrix (little-endian: rows, cols, values). */
        public void putMatrix(String name, float[][] m) {
            int r = m.length;
            int c = r == 0 ? 0 : m[0].length;
            ByteBuffer b = ByteBuffer.allocate(8 + 4 * r * c).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(r).putInt(c);
            for (float[] row : m) {
                for (float v : row) {
                    b.putFloat(v);
                }
            }
            put(name, b.array());
        }

        /** Adds a float vector. */
        public void putVector(String name, float[] v) {
            putMatrix(name, new float[][] {v});
        }

        /** Adds an ND4J array as a {@code .npy} entry (any data type; readable from NumPy). */
        public void putArray(String name, INDArray array) {
            put(name, toNpy(array));
        }

        Map<String, byte[]> entries() {
            return entries;
        }
    }

    /** Something that writes an entry to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Read access to the entries of a model file. */
    public static final class Reader {
        private final String source;
        private final Map<String, byte[]> entries;
        private final JsonNode manifest;

        Reader(String source, Map<String, byte[]> entries, JsonNode manifest) {
            this.source = source;
            this.entries = entries;
            this.manifest = manifest;
        }

        /** The model file, for error messages. */
        public String source() {
            return source;
        }

        /** The {@code model.json} manifest. */
        public JsonNode manifest() {
            return manifest;
        }

        /** The manifest's provenance record, typed (earlier per-method layouts are mapped). */
        public ModelProvenance provenance() {
            return ModelProvenance.fromJson(manifest.path("provenance"), manifest);
        }

        public boolean has(String name) {
            return entries.containsKey(name);
        }

        /** The bytes of an entry; a missing entry is a corrupt-model error. */
        public byte[] bytes(String name) {
            byte[] b = entries.get(name);
            if (b == null) {
                throw new HashingException(source + ": model file is missing entry '" + name + "' (corrupt or from another version)");
            }
            return b;
        }

        public InputStream stream(String name) {
            return new ByteArrayInputStream(bytes(name));
        }

        public JsonNode json(String name) {
            try {
                return JSON.readTree(bytes(name));
            } catch (IOException e) {
                throw new HashingException(source + ": entry '" + name + "' is not valid JSON", e);
            }
        }

        public float[][] matrix(String name) {
            byte[] raw = bytes(name);
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            if (raw.length < 8) {
                throw new HashingException(source + ": entry '" + name + "' is truncated");
            }
            int r = b.getInt();
            int c = b.getInt();
            if (r < 0 || c < 0 || 8L + 4L * r * c != raw.length) {
                throw new HashingException(source + ": entry '" + name + "' has a bad size");
            }
            float[][] m = new float[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    m[i][j] = b.getFloat();
                }
            }
            return m;
        }

        /** An ND4J array from a {@code .npy} entry written by {@link Writer#putArray}. */
        public INDArray array(String name) {
            return fromNpy(bytes(name), source, name);
        }

        public float[] vector(String name) {
            float[][] m = matrix(name);
            if (m.length != 1) {
                throw new HashingException(source + ": entry '" + name + "' is not a vector");
            }
            return m[0];
        }
    }

    /**
     * Named entries as zip bytes, in their order. The one zip writer for model files and training
     * checkpoints alike.
     */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream zos = new ZipOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zos.putNextEntry(new ZipEntry(e.getKey()));
                zos.write(e.getValue());
                zos.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory zip failed", e);
        }
        return bos.toByteArray();
    }

    /**
     * The entries of a zip, in order; {@code source} names the file in errors. A corrupt, truncated
     * or empty zip is a one-line {@link HashingException}.
     */
    public static Map<String, byte[]> unzip(InputStream in, String source) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zis = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zis.getNextEntry()) != null) {
                entries.put(e.getName(), zis.readAllBytes());
            }
        } catch (java.util.zip.ZipException ex) {
            throw new HashingException(source + ": not a valid zip file (" + ex.getMessage() + ")", ex);
        } catch (IOException ex) {
            throw new HashingException(source + ": cannot read (" + ex.getMessage() + ")", ex);
        }
        if (entries.isEmpty()) {
            throw new HashingException(source + ": empty or not a zip file");
        }
        return entries;
    }

    /** {@code array} as {@code .npy} bytes. */
    public static byte[] toNpy(INDArray array) {
        return Nd4j.toNpyByteArray(array);
    }

    /** An array from {@code .npy} bytes; {@code source} and {@code name} go into the error for bad bytes. */
    public static INDArray fromNpy(byte[] bytes, String source, String name) {
        try {
            return Nd4j.createNpyFromByteArray(bytes).dup();
        } catch (RuntimeException e) {
            throw new HashingException(source + ": entry '" + name + "' is not a valid .npy array", e);
        }
    }
}
