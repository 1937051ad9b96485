package org.hashing4j.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.hashing4j.eval.EvalOptions;

/**
 * An experiment as data: dataset and protocol, seed, bit lengths, the methods with their
 * hyper-parameters, and what to evaluate. Read from YAML or JSON ({@code experiments/*.yaml}); the run
 * folder keeps a copy, so every result can be traced to the exact configuration that produced it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ExperimentConfig {
    /** Free-form experiment name, shown in the report title. */
    public String name = "experiment";
    /** Dataset name as {@code hashing datasets} lists it, e.g. "fashion-mnist". */
    public String dataset = "fashion-mnist";
    /**
     * Split protocol, e.g. "standard" or "sampled"; null (the default): the dataset's first protocol
     * ("standard" for Fashion-MNIST and MNIST, "cifar10" for CIFAR-10, "train-test" for image folders).
     */
    public String protocol;
    /** Where the dataset files are; null searches the usual places. */
    @JsonProperty("data_dir")
    public String dataDir;
    /**
     * Input features: "pixels", the dataset's own rows (image pixels scaled to [0,1], or the vectors of
     * the "features" dataset). Backbone features come from {@code hashing features} and the "features"
     * dataset.
     */
    public String features = "pixels";
    /** Seed for splits, initialisation, shuffling and sampling. */
    public long seed = 42;
    /**
     * Seen/unseen-class protocol (as the 2024 benchmark DSH_Analysis): these class indices are held
     * out of training; the report then gives seen@all (the main tables: queries of seen classes
     * against the whole database) and unseen@all (extra tables: queries of unseen classes against
     * the whole database). DSH_Analysis holds out the last z classes, e.g. [8, 9] of 10. Null: off.
     */
    @JsonProperty("unseen_classes")
    public List<Integer> unseenClasses;
    /**
     * The same protocol with round(fraction × classes) unseen classes chosen at random with the
     * experiment seed; exclusive with {@link #unseenClasses}. Null: off.
     */
    @JsonProperty("unseen_fraction")
    public Double unseenFraction;
    /** Code lengths to train. */
    public List<Integer> bits = new ArrayList<>(List.of(32));
    /** The methods to run. */
    public List<MethodEntry> methods = new ArrayList<>();
    /** What to measure. */
    public Evaluation evaluation = new Evaluation();
    /** What the report shows. */
    public Report report = new Report();

    /** One method with its hyper-parameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class MethodEntry {
        /** Registry name, e.g. "jmlh", "itq", "uh-bdnn". */
        public String method;
        /** Row label in the report; defaults to the method's display name. */
        public String label;
        /** Train on a seeded random subset of this many training items (null: all). */
        @JsonProperty("train_size")
        public Integer trainSize;
        /** Bit lengths for this entry only (null: the experiment's). */
        public List<Integer> bits;
        /**
         * Show this entry's results in extra tables titled by this group (e.g. "ablation") instead of
         * as a row of the main tables.
         */
        public String group;
        /**
         * This entry's training seed (null: the experiment's): repeats of one method with several
         * seeds are entries with different labels and seeds. The data split keeps the experiment's seed.
         */
        public Long seed;
        /** Method hyper-parameters (see each method's documentation). */
        public Map<String, Object> params = new LinkedHashMap<>();

        /**
         * What makes entries repeats of each other under different seeds: the same method, parameters
         * (in any order), training-set size and group.
         */
        public String repeatGroup(org.hashing4j.models.HashingMethod resolved) {
            return resolved.name() + "|" + new java.util.TreeMap<>(params) + "|" + trainSize + "|" + group;
        }

        public MethodEntry() {
        }

        public MethodEntry(String method, Map<String, Object> params) {
            this.method = method;
            this.params = new LinkedHashMap<>(params);
        }
    }

    /** Evaluation settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Evaluation {
        /** mAP cut-offs; "all" means the whole database. */
        public List<String> topk = new ArrayList<>(List.of("all", "1000"));
        /** Hamming radii for P@H≤r and R@H≤r. */
        public List<Integer> radii = new ArrayList<>(List.of(0, 1, 2));
        /** Cut-offs of the precision@N curve. */
        @JsonProperty("precision_at")
        public List<Integer> precisionAt = new ArrayList<>(List.of(1, 10, 50, 100, 200, 500, 1000, 2000, 5000));
        /**
         * Ground truth: "labels" (share a class), "knn" (Euclidean nearest neighbours in feature space),
         * or "both" (labels for all methods, and knn for unsupervised methods too).
         */
        @JsonProperty("ground_truth")
        public String groundTruth = "labels";
        /** Neighbours per query for knn ground truth. */
        @JsonProperty("knn_k")
        public int knnK = 1000;
    }

    /** Report settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Report {
        /** Queries shown in the retrieval gallery (0: no gallery). */
        @JsonProperty("gallery_queries")
        public int galleryQueries = 10;
        /** Results shown per gallery query. */
        @JsonProperty("gallery_results")
        public int galleryResults = 10;
        /** Optional extra text at the top of the report. */
        public String description;
    }

    private static ObjectMapper mapper(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper m = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        // "bits: 32" means [32]: a single value where a list is expected is read as a list of one
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    /** Reads and validates an experiment file (YAML, or JSON by extension). */
    public static ExperimentConfig read(Path file) {
        try {
            ExperimentConfig c = mapper(file).readValue(Files.readAllBytes(file), ExperimentConfig.class);
            if (c == null) {
                throw new HashingException(file + ": empty experiment file");
            }
            c.validate(file.toString());
            return c;
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such experiment file");
        } catch (UnrecognizedPropertyException e) {
            throw new HashingException(file + ": unknown setting '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new HashingException(file + lineOf(e) + ": " + keyOf(e) + ": " + valueProblem(e), e);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new HashingException(file + ": cannot read experiment (" + msg + ")", e);
        }
    }

    private static String lineOf(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " line " + e.getLocation().getLineNr();
    }

    /** The setting's key as written in the file, e.g. {@code methods[0].train_size}. */
    private static String keyOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    /** What was wrong with the value, in words rather than Java types. */
    private static String valueProblem(com.fasterxml.jackson.databind.JsonMappingException e) {
        Object value = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f ? f.getValue() : null;
        Class<?> type = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
        String expected = type == null ? "another kind of value"
                : type == int.class || type == Integer.class || type == long.class || type == Long.class ? "a whole number"
                : type == double.class || type == Double.class ? "a number"
                : type == boolean.class || type == Boolean.class ? "true or false"
                : type == String.class ? "a text value"
                : java.util.Collection.class.isAssignableFrom(type) ? "a list"
                : java.util.Map.class.isAssignableFrom(type) ? "a mapping of keys to values"
                : article(type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)) + " section";
        return "expected " + expected + (value == null ? "" : ", got '" + value + "'");
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    /** Writes this configuration as YAML (atomically). */
    public void write(Path file) {
        try {
            String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(this);
            org.hashing4j.core.AtomicFiles.writeString(file, yaml);
        } catch (IOException e) {
            throw new HashingException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the seen/unseen-class protocol is on ({@code unseen_classes} or {@code unseen_fraction}). */
    public boolean unseenProtocol() {
        return unseenClasses != null || unseenFraction != null;
    }

    /** The held-out classes of a dataset of {@code numClasses} classes, or null when the protocol is off. */
    public org.hashing4j.datasets.split.ClassHoldout holdout(int numClasses) {
        if (unseenClasses != null) {
            return org.hashing4j.datasets.split.ClassHoldout.of(numClasses, unseenClasses);
        }
        return unseenFraction == null ? null
                : org.hashing4j.datasets.split.ClassHoldout.random(numClasses, unseenFraction, seed);
    }

    /** Checks values that Jackson cannot; {@code source} names the file in messages. */
    public void validate(String source) {
        if (!"pixels".equals(features)) {
            throw new HashingException(source + ": features must be 'pixels' (for backbone features run `hashing features`"
                    + " and train on dataset 'features'), got '" + features + "'");
        }
        if (methods == null || methods.isEmpty()) {
            throw new HashingException(source + ": no methods given");
        }
        if (bits == null || bits.isEmpty()) {
            throw new HashingException(source + ": no bit lengths given");
        }
        for (Integer b : bits) {
            if (b == null || b < 1) {
                throw new HashingException(source + ": bits: each bit length must be >= 1, got " + b);
            }
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.Map<String, String> repeats = new java.util.HashMap<>();
        for (MethodEntry m : methods) {
            if (m.method == null || m.method.isBlank()) {
                throw new HashingException(source + ": a method entry has no 'method' name");
            }
            org.hashing4j.models.HashingMethod method = org.hashing4j.models.MethodRegistry.get(m.method);
            if (m.trainSize != null && m.trainSize < 1) {
                throw new HashingException(source + ": train_size of " + m.method + " must be >= 1, got " + m.trainSize);
            }
            if (m.bits != null) {
                if (m.bits.isEmpty()) {
                    throw new HashingException(source + ": bits of " + m.method + " is empty");
                }
                for (Integer b : m.bits) {
                    if (b == null || b < 1) {
                        throw new HashingException(source + ": bits of " + m.method + ": each bit length must be >= 1,"
                                + " got " + b);
                    }
                }
            }
            if (m.params == null) {
                m.params = new LinkedHashMap<>();
            }
            // Parameters are checked now (for every bit length the entry trains), not when the entry's
            // turn comes in a run of hours.
            for (Integer b : m.bits != null ? m.bits : bits) {
                String key = RunFolder.key(m.label != null ? m.label : method.name(), b);
                if (!keys.add(key)) {
                    throw new HashingException(source + ": two method entries would both write " + key
                            + "; give them different labels");
                }
                // Two entries that differ only in their label would train the same model twice and
                // count twice in the spread over seeds.
                String run = m.repeatGroup(method) + "|seed " + (m.seed != null ? m.seed : seed) + "|" + b;
                String earlier = repeats.putIfAbsent(run, key);
                if (earlier != null) {
                    throw new HashingException(source + ": " + key + " and " + earlier + " train " + method.name()
                            + " with the same parameters and seed at " + b + " bits; give one of them another seed");
                }
                try {
                    method.check(new org.hashing4j.models.MethodConfig(b, m.seed != null ? m.seed : seed, m.params));
                } catch (HashingException e) {
                    throw new HashingException(source + ": " + (m.label != null ? m.label : m.method) + ": "
                            + e.getMessage(), e);
                }
            }
        }
        for (String k : evaluation.topk) {
            EvalOptions.parseTopKValue(source, k);
        }
        for (Integer r : evaluation.radii) {
            if (r == null || r < 0) {
                throw new HashingException(source + ": evaluation.radii: each radius must be >= 0, got " + r);
            }
        }
        for (Integer n : evaluation.precisionAt) {
            if (n == null || n < 1) {
                throw new HashingException(source + ": evaluation.precision_at: values must be >= 1, got " + n);
            }
        }
        if (!List.of("labels", "knn", "both").contains(evaluation.groundTruth)) {
            throw new HashingException(source + ": evaluation.ground_truth must be labels, knn or both, got '"
                    + evaluation.groundTruth + "'");
        }
        if (unseenClasses != null && unseenFraction != null) {
            throw new HashingException(source + ": give unseen_classes or unseen_fraction, not both");
        }
        if (unseenClasses != null && (unseenClasses.isEmpty() || unseenClasses.stream().anyMatch(c -> c == null || c < 0))) {
            throw new HashingException(source + ": unseen_classes must be a non-empty list of class indices >= 0, got "
                    + unseenClasses);
        }
        if (unseenFraction != null && !(unseenFraction > 0 && unseenFraction < 1)) {
            throw new HashingException(source + ": unseen_fraction must be between 0 and 1 (exclusive), got "
                    + unseenFraction);
        }
        if (unseenProtocol() && !evaluation.groundTruth.equals("labels")) {
            throw new HashingException(source + ": the unseen-class protocol is defined by class labels; set"
                    + " evaluation.ground_truth to labels (got '" + evaluation.groundTruth + "')");
        }
        if (evaluation.knnK < 1) {
            throw new HashingException(source + ": evaluation.knn_k must be >= 1, got " + evaluation.knnK);
        }
        if (report.galleryQueries < 0 || report.galleryResults < 1) {
            throw new HashingException(source + ": gallery sizes must be gallery_queries >= 0, gallery_results >= 1");
        }
    }
}
