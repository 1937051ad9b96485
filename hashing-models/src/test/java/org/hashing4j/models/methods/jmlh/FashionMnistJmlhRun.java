package org.hashing4j.models.methods.jmlh;

import org.hashing4j.models.training.Batches;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;

/**
 * Not a unit test: trains JMLH on Fashion-MNIST, standard split (60,000 training images = database,
 * 10,000 test images = queries), and prints mAP@all, P@H≤2 and timings as one JSON line per bit
 * length. Run by hand:
 * {@code java -cp ... org.hashing4j.models.methods.jmlh.FashionMnistJmlhRun bits=16,32,64 epochs=10 backbone=cnn ...}
 * (any other key=value goes to the method's parameters). {@link JmlhFashionMnistSlowTest} runs the
 * reference configuration as a test tagged "slow".
 */
public final class FashionMnistJmlhRun {
    /** What one run gave. */
    record Result(int bits, double mapAll, double precisionH2, double trainSeconds, double trainImagesPerSecond,
            double encodeImagesPerSecond, double totalSeconds) {
        String json(Map<String, Object> params) {
            return String.format(Locale.ROOT, "{\"bits\": %d, \"params\": \"%s\", \"mAP_all\": %.4f, \"P_H2\": %.4f, "
                    + "\"train_s\": %.1f, \"train_img_s\": %.0f, \"encode_img_s\": %.0f, \"total_s\": %.1f}", bits, params,
                    mapAll, precisionH2, trainSeconds, trainImagesPerSecond, encodeImagesPerSecond, totalSeconds);
        }
    }

    public static void main(String[] args) {
        Map<String, Object> params = new LinkedHashMap<>();
        String bitsList = "32";
        long seed = 0;
        int trainSize = 0;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "bits" -> bitsList = kv[1];
                case "seed" -> seed = Long.parseLong(kv[1]);
                case "trainSize" -> trainSize = Integer.parseInt(kv[1]);
                default -> params.put(kv[0], kv[1]);
            }
        }
        long t0 = System.nanoTime();
        RetrievalSplit split = Datasets.load("fashion-mnist", "standard", seed, null);
        System.out.printf("loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        FeatureSet train = split.train();
        if (trainSize > 0 && trainSize < split.train().size()) {
            // A seeded random training subset (the runner's train_size); the database stays whole.
            int[] rows = java.util.Arrays.copyOf(Batches.permutation(split.train().size(), Batches.random(seed, -2, 9)),
                    trainSize);
            train = split.train().select(rows, split.train().name() + "-subset");
            params.put("trainSize", trainSize); // shown in the output line only
        }
        long all = System.nanoTime();
        for (String b : bitsList.split(",")) {
            Result r = run(train, split.query(), split.database(), Integer.parseInt(b.trim()), seed, params,
                    new PrintingListener());
            System.out.println(r.json(params));
        }
        System.out.printf("all bit lengths: %.1f s%n", (System.nanoTime() - all) / 1e9);
    }

    /** Trains at {@code bits}, encodes queries and database, evaluates with the eval module. */
    static Result run(FeatureSet train, FeatureSet query, FeatureSet database, int bits, long seed,
            Map<String, Object> params, TrainingListener listener) {
        long start = System.nanoTime();
        Map<String, Object> methodParams = new LinkedHashMap<>(params);
        methodParams.remove("trainSize");
        JmlhModel model = new JmlhMethod().fit(train, new MethodConfig(bits, seed, methodParams),
                new TrainingContext(listener, null, false));
        double trainS = (System.nanoTime() - start) / 1e9;
        long e0 = System.nanoTime();
        BinaryCodes db = model.encode(database.features());
        BinaryCodes q = model.encode(query.features());
        double encodeS = (System.nanoTime() - e0) / 1e9;
        RetrievalMetrics m = RetrievalEvaluator.evaluate(q, db,
                Relevance.ofLabels(query.labels(), database.labels()),
                EvalOptions.builder().topK(EvalOptions.ALL).radii(2).prCurve(false).build());
        double seconds = 0;
        double items = 0;
        for (Object h : (List<?>) model.modelProvenance().details().get("history")) {
            Map<?, ?> e = (Map<?, ?>) h;
            seconds += ((Number) e.get("seconds")).doubleValue();
            items += ((Number) e.get("images_per_s")).doubleValue() * ((Number) e.get("seconds")).doubleValue();
        }
        return new Result(bits, m.mapAll(), m.precisionWithinRadius(2), trainS, items / seconds,
                (q.size() + db.size()) / encodeS, (System.nanoTime() - start) / 1e9);
    }

    /** Prints one line per epoch and a progress line every 50 batches. */
    static final class PrintingListener implements TrainingListener {
        private String phase = "";

        @Override
        public void phaseStarted(String phase, long total) {
            this.phase = phase + " (" + total + " batches)";
        }

        @Override
        public void progress(long done, Map<String, Double> metrics) {
            if (done % 50 == 0) {
                System.out.printf(Locale.ROOT, "  %s batch %d loss %.4f %.0f img/s%n", phase, done, metrics.get("loss"),
                        metrics.get("images_per_s"));
            }
        }

        @Override
        public void phaseFinished(Map<String, Double> metrics) {
            System.out.println(phase + " " + metrics);
        }

        @Override
        public void message(String text) {
            System.out.println(text);
        }
    }
}
