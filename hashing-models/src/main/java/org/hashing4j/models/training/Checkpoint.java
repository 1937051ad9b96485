package org.hashing4j.models.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.TrainingContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one checkpoint format of every trainer: the state of a training run after a finished step
 * (an epoch, an alternation), as one zip file {@value #FILE} in the run's checkpoint folder,
 * replaced atomically after every step so that a run killed at any moment leaves the previous
 * step's checkpoint intact.
 *
 * <p>Entries:
 * <ul>
 *   <li>{@code state.json} — {@code format} ({@value #FORMAT}), {@code version}, {@code method} (the
 *       kind of training, e.g. {@code jmlh}, {@code uh-bdnn}), {@code steps_done} (epochs or
 *       alternations finished), {@code fingerprint} (what must not change for a resume to be valid:
 *       settings, seed, data), {@code state} (free-form method state: iteration counters, best
 *       score and step, history), and {@code entries} (the names of the other entries, so that a
 *       file cut at an entry boundary is recognised as truncated);</li>
 *   <li>{@code arrays/<group>/<name>.npy} — named groups of ND4J arrays (weights, optimiser state,
 *       best weights, codes), readable from NumPy;</li>
 *   <li>{@code blobs/<name>} — opaque bytes (e.g. a DL4J network zip with its updater).</li>
 * </ul>
 *
 * <p>A resume with another configuration is refused ({@link #resume}) with a one-line error that
 * names the file and the settings that differ; a corrupt or truncated file is a one-line error that
 * names the file.
 */
public final class Checkpoint {
    /** The checkpoint's file name inside a run's checkpoint folder. */
    public static final String FILE = "checkpoint.zip";
    /** {@code state.json}'s {@code format}. */
    public static final String FORMAT = "hashing4j-checkpoint";
    /** {@code state.json}'s {@code version}; files with a higher version are refused. */
    public static final int VERSION = 1;
    static final String STATE = "state.json";
    private static final String ARRAYS = "arrays/";
    private static final String BLOBS = "blobs/";
    private static final String NPY = ".npy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final String method;
    private final int stepsDone;
    private final JsonNode fingerprint;
    private final ObjectNode state;
    private final Map<String, Map<String, INDArray>> arrays;
    private final Map<String, byte[]> blobs;

    private Checkpoint(String source, String method, int stepsDone, JsonNode fingerprint, ObjectNode state,
            Map<String, Map<String, INDArray>> arrays, Map<String, byte[]> blobs) {
        this.source = source;
        this.method = method;
        this.stepsDone = stepsDone;
        this.fingerprint = fingerprint;
        this.state = state;
        this.arrays = arrays;
        this.blobs = blobs;
    }

    /**
     * Starts a checkpoint.
     *
     * @param method      the kind of training (a resume of another kind is refused)
     * @param stepsDone   epochs or alternations finished
     * @param fingerprint a JSON-able map of what must match for a resume (see {@link #resume})
     */
    public static Builder builder(String method, int stepsDone, Object fingerprint) {
        return new Builder(method, stepsDone, fingerprint);
    }

    /** Collects a checkpoint's state, arrays and blobs. Arrays are copied as they are added. */
    public static final class Builder {
        private final String method;
        private final int stepsDone;
        private final JsonNode fingerprint;
        private final ObjectNode state = JSON.createObjectNode();
        private final Map<String, Map<String, INDArray>> arrays = new LinkedHashMap<>();
        private final Map<String, byte[]> blobs = new LinkedHashMap<>();

        private Builder(String method, int stepsDone, Object fingerprint) {
            this.method = method;
            this.stepsDone = stepsDone;
            this.fingerprint = normalise(fingerprint);
        }

        /** A free-form state value (anything Jackson can write: numbers, strings, lists, maps). */
        public Builder state(String key, Object value) {
            state.set(key, normalise(value));
            return this;
        }

        /** Adds a named array to {@code group}. */
        public Builder array(String group, String name, INDArray array) {
            checkName("group", group, false);
            checkName("array", name, true);
            Map<String, INDArray> g = arrays.computeIfAbsent(group, k -> new LinkedHashMap<>());
            if (g.put(name, array.dup()) != null) {
                throw new IllegalArgumentException("duplicate checkpoint array " + group + "/" + name);
            }
            return this;
        }

        /** Adds every array of {@code values} to {@code group}; a null map adds nothing. */
        public Builder arrays(String group, Map<String, INDArray> values) {
            if (values != null) {
                values.forEach((name, a) -> array(group, name, a));
            }
            return this;
        }

        /** Adds opaque bytes. */
        public Builder blob(String name, byte[] bytes) {
            checkName("blob", name, true);
            if (blobs.put(name, bytes) != null) {
                throw new IllegalArgumentException("duplicate checkpoint blob " + name);
            }
            return this;
        }

        /** Adds opaque bytes written through a stream (e.g. DL4J's {@code ModelSerializer}). */
        public Builder blob(String name, ModelArchive.StreamWriter writer) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try {
                writer.write(bos);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serialise checkpoint blob " + name + ": " + e.getMessage(), e);
            }
            return blob(name, bos.toByteArray());
        }

        /** The checkpoint in memory; {@code source} names it in errors (e.g. the file it was converted from). */
        public Checkpoint build(String source) {
            return new Checkpoint(source, method, stepsDone, fingerprint, state.deepCopy(), arrays, blobs);
        }

        /** Writes the checkpoint to {@code dir} (created if needed), atomically replacing the previous one. */
        public Path write(Path dir) {
            return build(file(dir).toString()).write(dir);
        }
    }

    /** The checkpoint file in {@code dir}. */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Writes this checkpoint as {@code dir/}{@value #FILE}, atomically; returns the file. */
    public Path write(Path dir) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, INDArray>> g : arrays.entrySet()) {
            for (Map.Entry<String, INDArray> a : g.getValue().entrySet()) {
                entries.put(ARRAYS + g.getKey() + "/" + a.getKey() + NPY, ModelArchive.toNpy(a.getValue()));
            }
        }
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            entries.put(BLOBS + b.getKey(), b.getValue());
        }
        ObjectNode s = JSON.createObjectNode();
        s.put("format", FORMAT);
        s.put("version", VERSION);
        s.put("method", method);
        s.put("steps_done", stepsDone);
        s.set("fingerprint", fingerprint);
        s.set("state", state);
        s.set("entries", JSON.valueToTree(new ArrayList<>(entries.keySet())));
        Map<String, byte[]> all = new LinkedHashMap<>();
        try {
            // state.json first, so that someone opening the zip sees what it is before the arrays.
            all.put(STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise checkpoint state", e);
        }
        all.putAll(entries);
        Path f = file(dir);
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeBytes(f, ModelArchive.zip(all));
        } catch (IOException | UncheckedIOException e) {
            throw new HashingException("cannot write checkpoint " + f + ": " + e.getMessage(), e);
        }
        return f;
    }

    /** Reads {@code dir/}{@value #FILE}, or returns null when there is none. */
    public static Checkpoint read(Path dir) {
        Path f = file(dir);
        return Files.isRegularFile(f) ? readFile(f) : null;
    }

    /** Reads a checkpoint file; any damage is a one-line {@link HashingException} naming it. */
    public static Checkpoint readFile(Path f) {
        String source = f.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new HashingException(source + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
        Map<String, byte[]> entries = ModelArchive.unzip(new ByteArrayInputStream(bytes), source);
        // The zip's last record (end of central directory, 22 bytes, no comment in our files) is
        // written last: without it the file was cut short, even if every entry before it reads.
        if (bytes.length < 22 || java.nio.ByteBuffer.wrap(bytes, bytes.length - 22, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() != 0x06054b50) {
            throw new HashingException(source + ": checkpoint is truncated (the zip has no end record)");
        }
        byte[] stateBytes = entries.get(STATE);
        if (stateBytes == null) {
            throw new HashingException(source + ": not a training checkpoint or truncated (no " + STATE + ")");
        }
        JsonNode s;
        try {
            s = JSON.readTree(stateBytes);
        } catch (IOException e) {
            throw new HashingException(source + ": corrupt checkpoint state (" + firstLine(e.getMessage()) + ")", e);
        }
        if (!FORMAT.equals(s.path("format").asText())) {
            throw new HashingException(source + ": not a hashing4j training checkpoint (format '"
                    + s.path("format").asText() + "', expected '" + FORMAT + "')");
        }
        int version = s.path("version").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw new HashingException(source + ": checkpoint format version " + version + " is not readable by this"
                    + " version (reads 1 to " + VERSION + ")");
        }
        if (!s.path("method").isTextual() || !s.path("steps_done").isInt() || !s.path("state").isObject()) {
            throw new HashingException(source + ": corrupt checkpoint state (method, steps_done or state missing)");
        }
        for (JsonNode name : s.path("entries")) {
            if (!entries.containsKey(name.asText())) {
                throw new HashingException(source + ": checkpoint is truncated (entry '" + name.asText() + "' missing)");
            }
        }
        Map<String, Map<String, INDArray>> arrays = new LinkedHashMap<>();
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(ARRAYS) && k.endsWith(NPY)) {
                String rest = k.substring(ARRAYS.length(), k.length() - NPY.length());
                int slash = rest.indexOf('/');
                if (slash <= 0) {
                    throw new HashingException(source + ": checkpoint entry '" + k + "' is not arrays/<group>/<name>.npy");
                }
                arrays.computeIfAbsent(rest.substring(0, slash), g -> new LinkedHashMap<>())
                        .put(rest.substring(slash + 1), ModelArchive.fromNpy(e.getValue(), source, k));
            } else if (k.startsWith(BLOBS)) {
                blobs.put(k.substring(BLOBS.length()), e.getValue());
            }
        }
        return new Checkpoint(source, s.path("method").asText(), s.path("steps_done").asInt(), s.path("fingerprint"),
                (ObjectNode) s.path("state"), arrays, blobs);
    }

    /**
     * The checkpoint a run should continue from: null when the context has no checkpoint folder, is
     * not resuming, or the folder holds no checkpoint; otherwise the checkpoint, checked with
     * {@link #requireMatch}.
     */
    public static Checkpoint resume(TrainingContext context, String method, Object fingerprint) {
        if (context == null || context.checkpointDir() == null || !context.resume()) {
            return null;
        }
        Checkpoint cp = read(context.checkpointDir());
        if (cp != null) {
            cp.requireMatch(method, fingerprint);
        }
        return cp;
    }

    /**
     * Refuses (one line, naming the file and what differs) a checkpoint written by another kind of
     * training or for another configuration or data.
     */
    public void requireMatch(String expectedMethod, Object expectedFingerprint) {
        if (!method.equals(expectedMethod)) {
            throw new HashingException(source + ": checkpoint is of a " + method + " run, not " + expectedMethod
                    + "; delete it or run without --resume");
        }
        JsonNode expected = normalise(expectedFingerprint);
        if (!fingerprint.equals(expected)) {
            List<String> diffs = new ArrayList<>();
            differences("", fingerprint, expected, diffs);
            String shown = diffs.size() > 3 ? String.join("; ", diffs.subList(0, 3)) + "; ..." : String.join("; ", diffs);
            throw new HashingException(source + ": checkpoint was written for another configuration or data (" + shown
                    + "); delete it or run without --resume");
        }
    }

    /** The file (or other origin) of this checkpoint, for messages. */
    public String source() {
        return source;
    }

    /** The kind of training that wrote it. */
    public String method() {
        return method;
    }

    /** Epochs or alternations finished. */
    public int stepsDone() {
        return stepsDone;
    }

    /** What the run's configuration and data looked like, as JSON. */
    public JsonNode fingerprint() {
        return fingerprint;
    }

    /** A free-form state value ({@code MissingNode} when absent). */
    public JsonNode state(String key) {
        return state.path(key);
    }

    /** A free-form state value converted to {@code type}; a missing or ill-typed value is a one-line error. */
    public <T> T state(String key, Class<T> type) {
        JsonNode v = state.get(key);
        if (v == null) {
            throw new HashingException(source + ": checkpoint state has no '" + key + "'");
        }
        try {
            return JSON.convertValue(v, type);
        } catch (IllegalArgumentException e) {
            throw new HashingException(source + ": checkpoint state '" + key + "' is not a " + type.getSimpleName(), e);
        }
    }

    /** Whether the checkpoint holds a group of arrays of that name. */
    public boolean hasArrays(String group) {
        return arrays.containsKey(group);
    }

    /** The arrays of a group, by name in the order written; a missing group is a one-line error. */
    public Map<String, INDArray> arrays(String group) {
        Map<String, INDArray> g = arrays.get(group);
        if (g == null) {
            throw new HashingException(source + ": checkpoint has no arrays '" + group + "' (truncated or from another version)");
        }
        return Collections.unmodifiableMap(g);
    }

    /** One array; missing is a one-line error. */
    public INDArray array(String group, String name) {
        INDArray a = arrays(group).get(name);
        if (a == null) {
            throw new HashingException(source + ": checkpoint has no array '" + group + "/" + name + "'");
        }
        return a;
    }

    /** Whether the checkpoint holds a blob of that name. */
    public boolean hasBlob(String name) {
        return blobs.containsKey(name);
    }

    /** A blob's bytes; missing is a one-line error. */
    public byte[] blob(String name) {
        byte[] b = blobs.get(name);
        if (b == null) {
            throw new HashingException(source + ": checkpoint has no entry '" + BLOBS + name + "'");
        }
        return b;
    }

    /**
     * A short checksum of a data set's features (and labels, if any), for fingerprints: a resume on
     * other data of the same size would otherwise go unnoticed.
     */
    public static String dataChecksum(FeatureSet data) {
        CRC32 crc = new CRC32();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * Math.max(1, data.dimension()));
        for (float[] row : data.features()) {
            buf.clear();
            for (float v : row) {
                buf.putFloat(v);
            }
            crc.update(buf.array(), 0, buf.position());
        }
        if (data.labels() != null) {
            for (int[] row : data.labels().toMultiHot(0)) {
                for (int v : row) {
                    crc.update(v);
                }
            }
        }
        return String.format("crc32:%08x", crc.getValue());
    }

    /**
     * A value as JSON read back from text: a fingerprint built in memory (Long, Float, ...) then
     * compares equal to the one read from a file (Integer, Double, ...).
     */
    static JsonNode normalise(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint value is not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    private static void differences(String path, JsonNode was, JsonNode now, List<String> out) {
        if (was.isObject() && now.isObject()) {
            for (Iterator<String> it = was.fieldNames(); it.hasNext();) {
                String k = it.next();
                differences(path.isEmpty() ? k : path + "." + k, was.get(k), now.path(k), out);
            }
            for (Iterator<String> it = now.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!was.has(k)) {
                    differences(path.isEmpty() ? k : path + "." + k, was.path(k), now.get(k), out);
                }
            }
        } else if (!was.equals(now)) {
            out.add((path.isEmpty() ? "fingerprint" : path) + ": " + shown(was) + " in the checkpoint, " + shown(now) + " now");
        }
    }

    private static String shown(JsonNode n) {
        String s = n.isMissingNode() ? "absent" : n.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static void checkName(String what, String name, boolean slashes) {
        if (name == null || name.isEmpty() || name.contains("..") || name.startsWith("/") || (!slashes && name.contains("/"))) {
            throw new IllegalArgumentException("bad checkpoint " + what + " name '" + name + "'");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
