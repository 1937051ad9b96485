package org.hashing4j.models.methods.bdnn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashFunction;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.EuclideanNeighbours;
import org.hashing4j.datasets.RetrievalSplit;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodRegistry;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;

/**
 * Scratch benchmark (not a unit test): trains UH-BDNN / SH-BDNN / baselines on Fashion-MNIST pixels
 * (standard split: 10,000 test queries, 60,000 training images as database and training set) and
 * prints training time and mAP — class labels over all 10,000 queries, and Euclidean 100-NN ground
 * truth over the first 1000 queries.
 *
 * <p>Usage: FashionBenchmark METHOD BITS[,BITS…] [key=value …] (values parsed as numbers/booleans);
 * {@code -Dseed=N} sets the seed (default 1), {@code -Drounds=true} evaluates every alternation.
 */
public final class FashionBenchmark {
    private static int[][] NN1000;

    private FashionBenchmark() {
    }

    public static void main(String[] args) {
        String method = args[0];
        int[] bits = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            params.put(kv[0], parse(kv[1]));
        }
        RetrievalSplit split = Datasets.load("fashion-mnist", "standard", 1, null);
        FeatureSet train = split.train();
        FeatureSet query = split.query();
        FeatureSet db = split.database();
        int knnQueries = 1000;
        FeatureSet knnQuery = query.select(java.util.stream.IntStream.range(0, knnQueries).toArray(), "q1000");
        long t0 = System.nanoTime();
        int[][] nn1000 = EuclideanNeighbours.kNearest(knnQuery, db, 1000);
        int[][] nn = new int[nn1000.length][];
        for (int i = 0; i < nn.length; i++) {
            nn[i] = Arrays.copyOf(nn1000[i], 100);
        }
        NN1000 = nn1000;
        System.out.printf(Locale.ROOT, "kNN ground truth: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        EvalOptions opts = EvalOptions.builder().topK(EvalOptions.ALL).radii(2).threads(2).build();
        for (int b : bits) {
            MethodConfig config = new MethodConfig(b, Long.getLong("seed", 1L), params);
            TrainingListener listener = new TrainingListener() {
                @Override
                public void message(String text) {
                    System.out.println("  [" + method + " " + b + "] " + text);
                }
            };
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            HashFunction model;
            HashFunction itq = null;
            if (method.equals("uh-bdnn")) {
                UhBdnnTrainer.RoundObserver obs = Boolean.getBoolean("rounds")
                        ? (t, m) -> report("  round " + t, b, 0, m, query, knnQuery, db, nn, opts) : null;
                UhBdnnTrainer.Outcome o = UhBdnnTrainer.train(new UhBdnnMethod(), train, config,
                        new TrainingContext(listener, null, false), obs);
                model = o.model();
                itq = o.itq().model();
            } else if (method.equals("sh-bdnn")) {
                UhBdnnTrainer.RoundObserver obs = Boolean.getBoolean("rounds")
                        ? (t, m) -> report("  round " + t, b, 0, m, query, knnQuery, db, nn, opts) : null;
                model = ShBdnnTrainer.train(new ShBdnnMethod(), train, config, new TrainingContext(listener, null, false), obs).model();
            } else {
                TrainedModel m = MethodRegistry.get(method).fit(train, config, new TrainingContext(listener, null, false));
                model = m;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "TIME %s bits=%d wall=%.1fs cpu=%.1fs%n", method, b, seconds,
                    (cpuNanos() - cpuStart) / 1e9);
            report(method, b, seconds, model, query, knnQuery, db, nn, opts);
            if (itq != null) {
                report("ITQ (init, same subset)", b, 0, itq, query, knnQuery, db, nn, opts);
            }
        }
    }

    private static void report(String name, int bits, double seconds, HashFunction f, FeatureSet query,
            FeatureSet knnQuery, FeatureSet db, int[][] nn, EvalOptions opts) {
        BinaryCodes dbCodes = f.encode(db.features());
        BinaryCodes qCodes = f.encode(query.features());
        RetrievalMetrics labels = RetrievalEvaluator.evaluate(qCodes, dbCodes,
                Relevance.ofLabels(query.labels(), db.labels()), opts);
        RetrievalMetrics knn = RetrievalEvaluator.evaluate(f.encode(knnQuery.features()), dbCodes, Relevance.ofNeighbours(nn), opts);
        RetrievalMetrics knn1000 = RetrievalEvaluator.evaluate(f.encode(knnQuery.features()), dbCodes,
                Relevance.ofNeighbours(NN1000), opts);
        CodeStatistics stats = CodeStatistics.of(dbCodes);
        System.out.printf(Locale.ROOT,
                "RESULT %-24s bits=%2d train=%7.1fs  mAP(labels,all)=%.4f  P@H<=2(labels)=%.4f  mAP(100NN,all)=%.4f  P@H<=2(100NN)=%.4f  mAP(1000NN,all)=%.4f  |balance|=%.3f |corr|=%.3f%n",
                name, bits, seconds, labels.mapAll(), labels.precisionWithinRadius(2), knn.mapAll(),
                knn.precisionWithinRadius(2), knn1000.mapAll(), stats.meanAbsBalance(), stats.meanAbsCorrelation());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Object parse(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e2) {
                return v;
            }
        }
    }
}
