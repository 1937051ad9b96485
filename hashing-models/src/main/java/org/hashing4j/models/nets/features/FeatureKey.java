package org.hashing4j.models.nets.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What identifies a set of extracted features: the data (dataset with everything that decides
 * which images it holds, and the split) and the extractor (backbone with its weights, layer,
 * pooling, input size and normalisation). Two keys with the same content give the same file name.
 *
 * @param dataset   the dataset and what selects its images (name, protocol, seed, data folder)
 * @param split     "train", "query", "database", …
 * @param extractor {@link FeatureExtractor#settings()}
 */
public record FeatureKey(String dataset, String split, Map<String, Object> extractor) {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** A key for {@code extractor}'s features of one split. */
    public static FeatureKey of(String dataset, String split, FeatureExtractor extractor) {
        return new FeatureKey(dataset, split, extractor.settings());
    }

    /** The key as plain data (what the cache's JSON records). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("split", split);
        m.put("extractor", extractor);
        return m;
    }

    /** Canonical JSON of the key (map entries sorted). */
    public String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feature key is not serialisable: " + e.getMessage(), e);
        }
    }

    /** The first 128 bits of the SHA-256 of the canonical JSON, as hex: the cache file name. */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
