package org.hashing4j.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.EuclideanNeighbours;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.datasets.UnseenClassSplit;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.eval.report.ExperimentReport;
import org.hashing4j.eval.report.RetrievalGallery;
import org.hashing4j.eval.report.SeedSummary;
import org.hashing4j.eval.report.SideTables;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.ImageStreamMethod;
import org.hashing4j.models.ImageEncoder;

/**
 * Runs an experiment: loads the split, trains every method at every bit length, encodes the query
 * set and the database, evaluates, and writes models, codes, metrics and the report into the run
 * folder. The one place where datasets, methods, evaluation and reports meet.
 */
public final class ExperimentRunner {
    /** Side-table group of the seen-class queries under the unseen-class protocol. */
    static final String SEEN_ALL = "seen@all";
    /** Side-table group of the unseen-class queries under the unseen-class protocol. */
    static final String UNSEEN_ALL = "unseen@all";

    private final ExperimentConfig config;
    private boolean resume;
    private boolean finishedOnly;
    private ExperimentListener listener = ExperimentListener.NONE;
    private RunFolder run;
    /** What the models' provenance records of the dataset. */
    private ModelProvenance.DataProvenance data;
    /** The streamed images of the current run, or null when the split holds features in memory. */
    private ImageSplit images;
    /** The seen/unseen-class protocol applied to the split, or null when it is off. */
    private UnseenClassSplit unseen;

    public ExperimentRunner(ExperimentConfig config) {
        this.config = config;
    }

    /** Where progress goes (default: nowhere). */
    public ExperimentRunner listener(ExperimentListener listener) {
        this.listener = listener == null ? ExperimentListener.NONE : listener;
        return this;
    }

    /**
     * Continue an interrupted run: models already in the folder are loaded instead of trained, and
     * training resumes from its checkpoints.
     */
    public ExperimentRunner resume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /**
     * Report what is finished without training anything: entries whose model is in the folder are
     * loaded (with their saved codes) and evaluated, the others are listed in the report as not yet
     * trained. For a look at a long run while it goes on, or after it was stopped; a later
     * {@code --resume} run completes it. Implies {@link #resume}.
     */
    public ExperimentRunner finishedOnly(boolean finishedOnly) {
        this.finishedOnly = finishedOnly;
        this.resume |= finishedOnly;
        return this;
    }

    /**
     * Runs the experiment into {@code folder} (created if missing; refused if it already holds results
     * and this is not a resumed run) and returns the report's path.
     */
    public Path run(Path folder) {
        return run(RunFolder.prepare(folder, false, resume));
    }

    /**
     * Runs everything into {@code folder} and returns the report's path. A run that fails before any
     * result is complete (bad data, bad parameters) removes the files it had written.
     */
    public Path run(RunFolder folder) {
        this.run = folder;
        try {
            return runAll();
        } catch (RuntimeException e) {
            if (finishedOnly) {
                throw e; // a report of another run's folder (maybe still running) never removes its files
            }
            try {
                run.discardIfNoResults();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private Path runAll() {
        // A config built in plain Java is checked as an experiment file is when read (parameters, clashing
        // entries), before anything trains.
        config.validate("experiment '" + config.name + "'");
        config.write(run.config());
        Path dataDir = config.dataDir == null ? null : Path.of(config.dataDir);
        String protocol = config.protocol != null ? config.protocol
                : Datasets.provider(config.dataset).protocols().get(0);
        listener.message(String.format(Locale.ROOT, "Loading %s (%s protocol) ...", config.dataset, protocol));
        RetrievalSplit split = Datasets.load(config.dataset, protocol, config.seed, dataDir);
        if (config.unseenProtocol()) {
            if (!split.hasFeatures()) {
                throw new HashingException(config.dataset + " streams images; the unseen-class protocol needs features"
                        + " in memory (extract them with `hashing features` and use dataset 'features')");
            }
            unseen = UnseenClassSplit.of(split, config.holdout(UnseenClassSplit.numClasses(split)));
        }
        data = dataProvenance(split);
        // Large image datasets (list files, big folders) are streamed from disk: only methods that read
        // image files (fine-tuning) run on them, and there are no pixels in memory for a gallery.
        images = split.hasFeatures() ? null : split.images().orElseThrow(
                () -> new HashingException(config.dataset + " provides neither features nor images"));
        if (images != null) {
            // Refuse before anything trains: otherwise "--method finetune,itq" fine-tunes for hours
            // and only then fails on itq, without a report.
            for (ExperimentConfig.MethodEntry entry : config.methods) {
                requireStreamable(MethodRegistry.get(entry.method), entry);
            }
        }
        FeatureSet train = images == null ? (unseen != null ? unseen.train() : split.train()) : null;
        FeatureSet query = images == null ? (unseen != null ? unseen.seenQueries() : split.query()) : null;
        FeatureSet unseenQuery = unseen == null ? null : unseen.unseenQueries();
        FeatureSet database = images == null ? split.database() : null;
        Labels queryLabels = images == null ? query.labels() : images.query().labels();
        Labels databaseLabels = images == null ? database.labels() : images.database().labels();
        listener.message("  " + sizes(split));
        writeLabels(queryLabels, "query");
        writeLabels(databaseLabels, "database");
        if (unseen != null) {
            listener.message("  " + unseen.summary());
            writeLabels(unseenQuery.labels(), "query-unseen");
        }

        EvalOptions options = evalOptions(split);
        Relevance labelTruth = queryLabels != null && databaseLabels != null
                ? Relevance.ofLabels(queryLabels, databaseLabels) : null;
        Relevance knnTruth = null;
        boolean wantKnn = !config.evaluation.groundTruth.equals("labels");
        if (wantKnn && images != null) {
            throw new HashingException(config.dataset + " streams images, so there are no input features for"
                    + " Euclidean ground truth; set evaluation.ground_truth to labels");
        }
        if (wantKnn) {
            int k = Math.min(config.evaluation.knnK, database.size());
            listener.message(String.format(Locale.ROOT, "Computing Euclidean %d-nearest-neighbour ground truth ...", k));
            knnTruth = Relevance.ofNeighbours(EuclideanNeighbours.kNearest(query, database, k));
        }
        Relevance unseenTruth = unseen == null ? null : Relevance.ofLabels(unseenQuery.labels(), databaseLabels);
        if (labelTruth == null && knnTruth == null) {
            throw new HashingException(config.dataset + " has no labels; set evaluation.ground_truth to knn");
        }

        ExperimentReport report = new ExperimentReport(config.name).description(describe(split));
        report.setting("dataset", config.dataset).setting("protocol", split.protocol()).setting("seed", config.seed)
                .setting("bits", config.bits).setting("ground truth", config.evaluation.groundTruth);
        // Results that are not main-table rows (kNN ground truth next to labels, ablation groups) are
        // collected and laid out as extra tables at the end; main-table results go there too, as the
        // reference rows a group's variants of the same method are read against.
        SideTables sideTables = new SideTables(config.methods.stream().map(e -> e.group)
                .filter(java.util.Objects::nonNull).toList(), config.evaluation.knnK);
        if (unseen != null) {
            report.setting("unseen classes", unseen.unseenClassNames());
            report.addNote("Unseen-class protocol: the main tables are seen@all (the " + query.size()
                    + " queries of seen classes against the whole database); the unseen@all tables score the "
                    + unseenQuery.size() + " queries of unseen classes against the same database.");
            sideTables.describeGroup(SEEN_ALL, "Queries: the " + query.size() + " queries of the seen classes;"
                    + " database: all " + database.size() + " items, seen and unseen classes.");
            sideTables.describeGroup(UNSEEN_ALL, "Queries: the " + unseenQuery.size() + " queries of the unseen"
                    + " classes " + unseen.unseenClassNames() + ", never trained on; database: all " + database.size()
                    + " items, seen and unseen classes.");
        }
        // Entries that differ only in their seed are repeats: their spread is a table of its own.
        SeedSummary seeds = new SeedSummary();
        boolean galleryDone = false;
        java.util.Set<String> keys = new java.util.HashSet<>();
        List<String> pending = new java.util.ArrayList<>();
        for (ExperimentConfig.MethodEntry entry : config.methods) {
            HashingMethod method = MethodRegistry.get(entry.method);
            String label = entry.label != null ? entry.label : method.displayName();
            FeatureSet methodTrain = train == null || entry.trainSize == null || entry.trainSize >= train.size()
                    ? train : subsample(train, entry.trainSize, config.seed);
            report.setting(label + " parameters", entry.params.isEmpty() ? "defaults" : entry.params);
            if (methodTrain != train) {
                report.setting(label + " training set", methodTrain.size() + " items sampled from " + train.size());
            }
            List<Integer> bitLengths = entry.bits != null ? entry.bits : config.bits;
            for (int bits : bitLengths) {
                String key = RunFolder.key(entry.label != null ? entry.label : method.name(), bits);
                keys.add(key); // distinct: validate() refuses entries that would share a key
                if (finishedOnly && !Files.exists(run.model(key))) {
                    pending.add(key);
                    continue;
                }
                Result r = trainAndEncode(method, entry, methodTrain, query, unseenQuery, database, bits, key);
                java.util.List<Map<String, Object>> history = org.hashing4j.models.training.HistoryFiles.read(run.history(key));
                if (!history.isEmpty()) {
                    report.addTrainingCurve(label + " (" + bits + " bits)", history);
                    // A run resumed from a checkpoint times only its own epochs; the history holds them all.
                    double epochSeconds = history.stream().mapToDouble(h -> h.get("seconds") instanceof Number n
                            ? n.doubleValue() : 0).sum();
                    r.trainSeconds = Double.isNaN(r.trainSeconds) ? epochSeconds : Math.max(r.trainSeconds, epochSeconds);
                }
                Map<String, Object> metricsForModel = new LinkedHashMap<>();
                boolean useLabels = labelTruth != null
                        && (!config.evaluation.groundTruth.equals("knn") || method.supervised());
                boolean useKnn = knnTruth != null && !method.supervised();
                if (useLabels) {
                    RetrievalMetrics m = RetrievalEvaluator.evaluate(r.queryCodes, r.databaseCodes, labelTruth, options);
                    if (entry.group == null) {
                        report.addResult(label, bits, m, r.stats, r.trainSeconds, r.encodeRate, null);
                    }
                    sideTables.add(new SideTables.Row(entry.group, SideTables.LABEL_TRUTH, method.name(), label,
                            bits, m, r.stats));
                    seeds.add(new SeedSummary.Run(entry.repeatGroup(method), label,
                            entry.seed != null ? entry.seed : config.seed, bits, m, r.trainSeconds));
                    metricsForModel.put("labels", m.toMap());
                    listener.evaluated(label, bits, "label", m, r.trainSeconds, r.encodeRate);
                    if (unseenTruth != null) {
                        // seen@all next to unseen@all in tables of their own (seen@all is also the main table).
                        RetrievalMetrics mu = RetrievalEvaluator.evaluate(r.unseenQueryCodes, r.databaseCodes,
                                unseenTruth, options);
                        sideTables.add(new SideTables.Row(protocolGroup(entry, SEEN_ALL), SideTables.LABEL_TRUTH,
                                method.name(), label, bits, m, r.stats));
                        sideTables.add(new SideTables.Row(protocolGroup(entry, UNSEEN_ALL), SideTables.LABEL_TRUTH,
                                method.name(), label, bits, mu, r.stats));
                        metricsForModel.put("unseen_labels", mu.toMap());
                        listener.evaluated(label, bits, UNSEEN_ALL, mu, r.trainSeconds, r.encodeRate);
                    }
                }
                if (useKnn) {
                    RetrievalMetrics m = RetrievalEvaluator.evaluate(r.queryCodes, r.databaseCodes, knnTruth, options);
                    if (useLabels || entry.group != null) {
                        String group = entry.group == null ? SideTables.UNSUPERVISED_GROUP : entry.group;
                        sideTables.add(new SideTables.Row(group, SideTables.KNN_TRUTH, method.name(), label, bits,
                                m, r.stats));
                        if (entry.group == null) {
                            sideTables.add(new SideTables.Row(null, SideTables.KNN_TRUTH, method.name(), label,
                                    bits, m, r.stats));
                        }
                    } else {
                        report.addResult(label, bits, m, r.stats, r.trainSeconds, r.encodeRate, "kNN ground truth");
                    }
                    metricsForModel.put("knn", m.toMap());
                    listener.evaluated(label, bits, "kNN", m, r.trainSeconds, r.encodeRate);
                }
                metricsForModel.put("train_seconds", r.trainSeconds);
                metricsForModel.put("encode_images_per_second", r.encodeRate);
                if (!r.resumed) {
                    ModelFiles.save(run.model(key), r.model, metricsForModel);
                }
                if (!galleryDone && entry.group == null && config.report.galleryQueries > 0 && query != null
                        && query.imageShape() != null && database.imageShape() != null
                        && bits == bitLengths.get(bitLengths.size() - 1)) {
                    Relevance truth = useLabels ? labelTruth : knnTruth;
                    report.addGallery(RetrievalGallery.fromRanking(label + ", " + bits + " bits", query, r.queryCodes,
                            RetrievalGallery.evenlySpaced(query.size(), config.report.galleryQueries), database,
                            r.databaseCodes, truth, config.report.galleryResults));
                    galleryDone = true;
                }
            }
        }
        if (!pending.isEmpty()) {
            report.addNote("Partial report: " + pending.size() + " of " + keys.size() + " models are not trained yet ("
                    + String.join(", ", pending) + "); `hashing train --config ... --resume` completes the run.");
            listener.message("not trained yet: " + String.join(", ", pending));
        }
        seeds.addTo(report, options);
        sideTables.addTo(report, options);
        report.write(run.dir());
        return run.report();
    }

    /** The side-table group of a protocol setting: its own for main-table entries, within an entry's group otherwise. */
    private static String protocolGroup(ExperimentConfig.MethodEntry entry, String setting) {
        return entry.group == null ? setting : entry.group + ", " + setting;
    }

    /** Only methods that read image files can train here; train_size would need the images in memory. */
    private void requireStreamable(HashingMethod method, ExperimentConfig.MethodEntry entry) {
        if (!(method instanceof ImageStreamMethod)) {
            throw new HashingException(method.name() + " needs features in memory but " + config.dataset
                    + " streams images: use a deep method with an ImageNet backbone (backbone: resnet18, alexnet, vgg16,"
                    + " resnet50) or method finetune, or extract features with `hashing features`"
                    + " and train on dataset 'features'");
        }
        if (entry.trainSize != null) {
            throw new HashingException("train_size is not supported for streamed image datasets such as "
                    + config.dataset);
        }
    }

    /** What one trained model produced. */
    private static final class Result {
        TrainedModel model;
        BinaryCodes queryCodes;
        BinaryCodes databaseCodes;
        /** Codes of the unseen-class queries, or null when the unseen-class protocol is off. */
        BinaryCodes unseenQueryCodes;
        CodeStatistics stats;
        double trainSeconds;
        double encodeRate;
        boolean resumed;
    }

    private Result trainAndEncode(HashingMethod method, ExperimentConfig.MethodEntry entry, FeatureSet train,
            FeatureSet query, FeatureSet unseenQuery, FeatureSet database, int bits, String key) {
        Result r = new Result();
        String prefix = "[" + key + "]";
        Path modelFile = run.model(key);
        if (resume && Files.exists(modelFile)) {
            listener.message(prefix + " model exists, loading it instead of training (--resume)");
            r.model = ModelFiles.load(modelFile);
            r.resumed = true;
            r.trainSeconds = ModelFiles.open(modelFile).manifest().path("metrics").path("train_seconds").asDouble(Double.NaN);
        } else {
            MethodConfig mc = new MethodConfig(bits, entry.seed != null ? entry.seed : config.seed, entry.params);
            TrainingContext ctx = new TrainingContext(listener.training(key), run.checkpoints(key), resume, data)
                    .withHistoryDir(run.history(key));
            listener.message(String.format(Locale.ROOT, "%s training %s on %d items ...", prefix, method.displayName(),
                    images == null ? train.size() : images.train().size()));
            long t0 = System.nanoTime();
            r.model = images == null ? method.fit(train, mc, ctx) : ((ImageStreamMethod) method).fit(images, mc, ctx);
            r.trainSeconds = (System.nanoTime() - t0) / 1e9;
        }
        if (r.resumed && readSavedCodes(r, key, unseenQuery != null, modelFile)) {
            return r;
        }
        long t1 = System.nanoTime();
        int encoded;
        if (images == null) {
            r.databaseCodes = r.model.encode(database.features());
            r.queryCodes = query == database ? r.databaseCodes : r.model.encode(query.features());
            encoded = database.size() + (query == database ? 0 : query.size());
            if (unseenQuery != null) {
                r.unseenQueryCodes = r.model.encode(unseenQuery.features());
                encoded += unseenQuery.size();
            }
        } else {
            if (!(r.model instanceof ImageEncoder model)) {
                throw new HashingException(modelFile + " cannot encode image files");
            }
            int batch = new MethodConfig(bits, config.seed, entry.params).getInt("batch_size", 32);
            r.databaseCodes = model.encode(images.database(), batch);
            r.queryCodes = model.encode(images.query(), batch);
            encoded = images.database().size() + images.query().size();
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        r.encodeRate = encoded / Math.max(secs, 1e-9);
        CodeFiles.write(run.codes(key, "query"), r.queryCodes);
        CodeFiles.write(run.codes(key, "database"), r.databaseCodes);
        if (r.unseenQueryCodes != null) {
            CodeFiles.write(run.codes(key, "query-unseen"), r.unseenQueryCodes);
        }
        r.stats = CodeStatistics.of(r.databaseCodes);
        return r;
    }

    /**
     * A loaded model's codes as the run that trained it saved them (the same model gives the same
     * codes; reading them spares encoding the whole database again on every resume). False when a
     * file is missing, e.g. the run stopped between saving the model and its codes.
     */
    private boolean readSavedCodes(Result r, String key, boolean unseenToo, Path modelFile) {
        Path q = run.codes(key, "query");
        Path db = run.codes(key, "database");
        Path u = run.codes(key, "query-unseen");
        if (!Files.exists(q) || !Files.exists(db) || (unseenToo && !Files.exists(u))) {
            return false;
        }
        r.queryCodes = CodeFiles.read(q);
        r.databaseCodes = CodeFiles.read(db);
        r.unseenQueryCodes = unseenToo ? CodeFiles.read(u) : null;
        if (r.queryCodes.bits() != r.model.bits() || r.databaseCodes.bits() != r.model.bits()) {
            throw new HashingException(db + ": " + r.databaseCodes.bits() + "-bit codes beside a "
                    + r.model.bits() + "-bit model " + modelFile + "; remove the codes to encode again");
        }
        r.encodeRate = ModelFiles.open(modelFile).manifest().path("metrics").path("encode_images_per_second")
                .asDouble(Double.NaN);
        r.stats = CodeStatistics.of(r.databaseCodes);
        return true;
    }

    /** The configured cut-offs, plus the dataset's customary mAP@k (e.g. 5000 for NUS-WIDE) if missing. */
    private EvalOptions evalOptions(RetrievalSplit split) {
        java.util.stream.IntStream ks = config.evaluation.topk.stream()
                .mapToInt(k -> EvalOptions.parseTopKValue("evaluation.topk", k));
        if (split.defaultTopK().isPresent()) {
            ks = java.util.stream.IntStream.concat(ks, java.util.stream.IntStream.of(split.defaultTopK().getAsInt()));
        }
        int[] topk = ks.distinct().toArray();
        return EvalOptions.builder()
                .topK(topk)
                .radii(config.evaluation.radii.stream().mapToInt(Integer::intValue).toArray())
                .precisionAtN(config.evaluation.precisionAt.stream().mapToInt(Integer::intValue).toArray())
                .prCurve(true)
                .build();
    }

    private void writeLabels(Labels l, String split) {
        if (l == null) {
            return;
        }
        l.writeNpy(run.labels(split));
    }

    /**
     * The methods' own sampler (train_samples), so that an entry with train_size N trains on exactly
     * the N items a BDNN method with train_samples N and the same seed draws — e.g. ITQ on UH-BDNN's
     * sample is UH-BDNN's ITQ initialisation.
     */
    private static FeatureSet subsample(FeatureSet set, int n, long seed) {
        return MethodSupport.subset(set, n, seed);
    }

    /** "N training items, Q queries, D database items" plus the feature or image kind. */
    private String sizes(RetrievalSplit split) {
        if (images != null) {
            return String.format(Locale.ROOT, "%d training images, %d queries, %d database images (streamed from disk)",
                    images.train().size(), images.query().size(), images.database().size());
        }
        return String.format(Locale.ROOT, "%d training items, %d queries, %d database items, %d features each",
                split.train().size(), split.query().size(), split.database().size(), split.train().dimension());
    }

    private ModelProvenance.DataProvenance dataProvenance(RetrievalSplit split) {
        java.util.Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
        if (unseen != null) {
            sizes.put("train", unseen.train().size());
            sizes.put("query", unseen.seenQueries().size());
            sizes.put("query_unseen", unseen.unseenQueries().size());
            sizes.put("database", unseen.database().size());
        } else if (split.hasFeatures()) {
            sizes.put("train", split.train().size());
            sizes.put("query", split.query().size());
            sizes.put("database", split.database().size());
        } else {
            split.images().ifPresent(i -> {
                sizes.put("train", i.train().size());
                sizes.put("query", i.query().size());
                sizes.put("database", i.database().size());
            });
        }
        String protocol = unseen == null ? split.protocol()
                : split.protocol() + ", unseen classes " + java.util.Arrays.toString(unseen.holdout().unseen());
        return new ModelProvenance.DataProvenance(split.dataset(), protocol, null, 0, 0, sizes, split.checksums());
    }

    private String describe(RetrievalSplit split) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Dataset %s, protocol %s: %s. Seed %d.", split.dataset(),
                split.protocol(), sizes(split), config.seed));
        sb.append(" Ground truth: ").append(switch (config.evaluation.groundTruth) {
            case "labels" -> "items sharing a class label are relevant.";
            case "knn" -> "the " + config.evaluation.knnK + " Euclidean nearest neighbours of a query (in the input features) are relevant.";
            default -> "class labels for every method; additionally the " + config.evaluation.knnK
                    + " Euclidean nearest neighbours (in the input features) for unsupervised methods.";
        });
        if (unseen != null) {
            sb.append(' ').append(unseen.summary());
        }
        for (String note : split.notes()) {
            sb.append(' ').append(note);
        }
        if (config.report.description != null) {
            sb.append(' ').append(config.report.description);
        }
        return sb.toString();
    }
}
