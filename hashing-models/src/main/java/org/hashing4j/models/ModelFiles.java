package org.hashing4j.models;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.HashingException;

/**
 * Saves and loads model files: a zip holding {@code model.json} (format, method, bits, input
 * dimension, provenance and the metrics the model reached) and the method's own entries. Saving is
 * atomic; loading checks the manifest and hands the entries to the method that wrote them.
 */
public final class ModelFiles {
    public static final String MANIFEST = "model.json";
    public static final String FORMAT = "hashing4j-model";
    public static final int VERSION = 1;

    private ModelFiles() {
    }

    /** Saves {@code model} with optional {@code metrics} (may be empty) to {@code file}, atomically. */
    public static void save(Path file, TrainedModel model, Map<String, ?> metrics) {
        try {
            ModelArchive.Writer w = new ModelArchive.Writer();
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", FORMAT);
            manifest.put("version", VERSION);
            manifest.put("method", model.method());
            manifest.put("bits", model.bits());
            manifest.put("input_dimension", model.inputDimension());
            manifest.put("saved_at", Instant.now().toString());
            manifest.put("provenance", model.modelProvenance().toMap());
            manifest.put("metrics", metrics == null ? Map.of() : metrics);
            w.putJson(MANIFEST, manifest);
            model.save(w);
            byte[] zip = ModelArchive.zip(w.entries());
            AtomicFiles.writeBytes(file, zip);
        } catch (IOException e) {
            throw new HashingException("cannot save model to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the manifest and entries of a model file without building the model. */
    public static ModelArchive.Reader open(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, byte[]> entries = ModelArchive.unzip(in, file.toString());
            byte[] m = entries.get(MANIFEST);
            if (m == null) {
                throw new HashingException(file + ": not a hashing4j model file (no " + MANIFEST + ")");
            }
            JsonNode manifest;
            try {
                manifest = ModelArchive.JSON.readTree(m);
            } catch (IOException e) {
                throw new HashingException(file + ": corrupt model manifest (" + e.getMessage() + ")", e);
            }
            if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
                throw new HashingException(file + ": not a hashing4j model file (format is '"
                        + (manifest == null ? "" : manifest.path("format").asText()) + "')");
            }
            if (manifest.path("version").asInt() > VERSION) {
                throw new HashingException(file + ": model format version " + manifest.path("version").asInt()
                        + " is newer than this program reads (" + VERSION + ")");
            }
            return new ModelArchive.Reader(file.toString(), entries, manifest);
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such model file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read model file (" + e.getMessage() + ")", e);
        }
    }

    /** The typed provenance of a model file, without building the model (files of version 0.1 too). */
    public static ModelProvenance provenance(Path file) {
        return open(file).provenance();
    }

    /** Loads a model file through the method that wrote it. */
    public static TrainedModel load(Path file) {
        ModelArchive.Reader r = open(file);
        String method = r.manifest().path("method").asText();
        HashingMethod m = MethodRegistry.get(method);
        try {
            TrainedModel model = m.load(r);
            if (model.bits() != r.manifest().path("bits").asInt()) {
                throw new HashingException(file + ": manifest says " + r.manifest().path("bits").asInt()
                        + " bits but the stored model gives " + model.bits());
            }
            return model;
        } catch (IOException e) {
            throw new HashingException(file + ": corrupt model file (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            if (e instanceof HashingException) {
                throw e;
            }
            throw new HashingException(file + ": corrupt model file (" + e + ")", e);
        }
    }
}
