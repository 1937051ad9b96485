package org.hashing4j.models.nets.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.models.TrainingListener;

/**
 * A folder of extracted features, so that the second run over the same (dataset, split, backbone,
 * layer, …) reads them instead of running the network again. Each entry is
 * {@code <hash>.npy} (float32 n × d), {@code <hash>.labels.npy} when there are labels, and
 * {@code <hash>.json} describing the {@link FeatureKey} and the shape; the JSON is written last, so
 * an entry without it is incomplete and ignored. An entry whose files do not match its JSON is
 * treated as missing and recomputed.
 *
 * <p>Default folder: {@code $HASHING4J_CACHE/features}, else {@code ~/.hashing4j/cache/features}.
 */
public final class FeatureCache {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private final Path dir;

    public FeatureCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in its default folder. */
    public static FeatureCache atDefaultLocation() {
        return new FeatureCache(defaultDirectory());
    }

    /** {@code $HASHING4J_CACHE/features}, or {@code ~/.hashing4j/cache/features}. */
    public static Path defaultDirectory() {
        String env = System.getenv("HASHING4J_CACHE");
        Path root = env != null && !env.isBlank() ? Paths.get(env)
                : Paths.get(System.getProperty("user.home"), ".hashing4j", "cache");
        return root.resolve("features");
    }

    public Path directory() {
        return dir;
    }

    /** The features file an entry uses (whether or not it exists). */
    public Path featuresFile(FeatureKey key) {
        return dir.resolve(key.hash() + ".npy");
    }

    private Path labelsFile(FeatureKey key) {
        return dir.resolve(key.hash() + ".labels.npy");
    }

    private Path descriptionFile(FeatureKey key) {
        return dir.resolve(key.hash() + ".json");
    }

    /** The cached features for {@code key}, or null when there are none (or the entry is damaged). */
    public FeatureSet get(FeatureKey key) {
        Path json = descriptionFile(key);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            JsonNode d = JSON.readTree(json.toFile());
            if (!JSON.readTree(key.canonicalJson()).equals(d.path("key"))) {
                return null; // another key with the same hash prefix: not ours
            }
            Npy.Array a = Npy.read(featuresFile(key));
            long[] shape = a.shape();
            if (a.rank() != 2 || shape[0] != d.path("rows").asLong() || shape[1] != d.path("dimension").asLong()) {
                return null;
            }
            Labels labels = null;
            if (d.path("labels").asBoolean()) {
                labels = Labels.readNpy(labelsFile(key));
            }
            return new FeatureSet(a.toFloatMatrix(), labels, null, key.dataset() + "/" + key.split());
        } catch (IOException | HashingException e) {
            return null;
        }
    }

    /** Stores {@code features} under {@code key} (atomically, description last). */
    public void put(FeatureKey key, FeatureSet features) {
        try {
            Files.createDirectories(dir);
            Npy.writeFloat32(featuresFile(key), features.features());
            Labels labels = features.labels();
            if (labels != null) {
                labels.writeNpy(labelsFile(key));
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("format", "hashing4j-feature-cache");
            d.put("version", 1);
            d.put("key", JSON.readTree(key.canonicalJson()));
            d.put("rows", features.size());
            d.put("dimension", features.dimension());
            d.put("labels", labels != null);
            d.put("created", Instant.now().toString());
            AtomicFiles.writeString(descriptionFile(key), JSON.writeValueAsString(d));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new HashingException("cannot write feature cache entry in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cached features for {@code key}, or {@code extract}'s result, stored for next time. Says
     * which through {@code listener}.
     */
    public FeatureSet getOrExtract(FeatureKey key, Supplier<FeatureSet> extract, TrainingListener listener) {
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        FeatureSet cached = get(key);
        if (cached != null) {
            l.message("features read from cache " + featuresFile(key));
            return cached;
        }
        FeatureSet f = extract.get();
        put(key, f);
        l.message("features cached at " + featuresFile(key));
        return f;
    }
}
