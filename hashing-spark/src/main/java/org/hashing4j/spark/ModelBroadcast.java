package org.hashing4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;

/**
 * A model file shipped to the executors once, as a broadcast of its bytes (the model zip is the
 * one serialised form every method already has), and loaded there through {@link ModelFiles}: the
 * same code path as {@code hashing encode}, so the codes are the same.
 *
 * <p>Each executor thread loads its own copy on first use and keeps it for the following tasks: the
 * DL4J/SameDiff networks inside the models are not safe to call from two threads at once, and
 * locking one shared copy would serialise an executor's cores.
 */
public final class ModelBroadcast implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Map<String, TrainedModel>> LOADED = ThreadLocal.withInitial(HashMap::new);

    private final Broadcast<byte[]> bytes;
    private final String digest;
    private final String name;
    private final int bits;
    private final int inputDimension;
    private final int[] imageShape;

    private ModelBroadcast(Broadcast<byte[]> bytes, String digest, String name, TrainedModel model) {
        this.bytes = bytes;
        this.digest = digest;
        this.name = name;
        this.bits = model.bits();
        this.inputDimension = model.inputDimension();
        ModelProvenance.InputSpec spec = ModelProvenance.InputSpec.forModel(model);
        this.imageShape = spec == null ? null : spec.imageShape();
    }

    /**
     * Reads a model file from any Hadoop file system location, checks it by loading it on the driver,
     * and broadcasts it.
     */
    public static ModelBroadcast of(SparkSession spark, String location) {
        byte[] data;
        Path p = new Path(location);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new HashingException(location + ": no such model file");
            }
            try (InputStream in = fs.open(p)) {
                data = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new HashingException(location + ": cannot read model file (" + e.getMessage() + ")", e);
        }
        String digest = sha256(data);
        TrainedModel model = load(data, location);
        LOADED.get().put(digest, model);
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(data);
        return new ModelBroadcast(b, digest, location, model);
    }

    /** The model, loaded once per executor thread. */
    public TrainedModel model() {
        return LOADED.get().computeIfAbsent(digest, d -> load(bytes.value(), name));
    }

    /** The model file's location, for messages. */
    public String name() {
        return name;
    }

    /** Code length. */
    public int bits() {
        return bits;
    }

    /** Features per item the model takes. */
    public int inputDimension() {
        return inputDimension;
    }

    /** {c, h, w} of the image rows the model takes, or null when it was not trained on pixels. */
    public int[] imageShape() {
        return imageShape == null ? null : imageShape.clone();
    }

    private static TrainedModel load(byte[] data, String name) {
        java.nio.file.Path tmp = null;
        try {
            // ModelFiles reads files; a private temporary copy keeps that one code path.
            tmp = Files.createTempFile("hashing-model-", ".zip");
            Files.write(tmp, data);
            return ModelFiles.load(tmp);
        } catch (IOException e) {
            throw new HashingException(name + ": cannot stage the model file locally (" + e.getMessage() + ")", e);
        } catch (HashingException e) {
            throw new HashingException(e.getMessage().replace(String.valueOf(tmp), name), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
