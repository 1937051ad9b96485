package org.hashing4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;

/**
 * Query-sharded evaluation: the database codes and their ground truth are broadcast, the queries are
 * cut into contiguous shards, and each task runs the eval module's own
 * {@link RetrievalEvaluator#evaluate} on its shard (one thread: the cluster supplies the
 * parallelism). Every metric {@code hashing evaluate} reports is a mean over queries (mAP@k, P@H≤r,
 * R@H≤r, P@N, the PR curve) or a count (empty radii, queries without relevant items), so the driver
 * combines the shards' results weighted by their query counts; the result equals the single-machine
 * evaluation up to rounding (well within 1e-12).
 *
 * <p>Memory: each executor holds the whole database (8 bytes per 64 bits) and its labels.
 */
public final class DistributedEvaluator {
    private DistributedEvaluator() {
    }

    /** Ground truth in a form tasks can receive: labels of both sides, or neighbour lists per query. */
    public static final class Truth implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int[] querySingle;
        private final int[][] queryMulti;
        private final int[] dbSingle;
        private final int[][] dbMulti;
        private final int[][] neighbours;

        private Truth(int[] querySingle, int[][] queryMulti, int[] dbSingle, int[][] dbMulti, int[][] neighbours) {
            this.querySingle = querySingle;
            this.queryMulti = queryMulti;
            this.dbSingle = dbSingle;
            this.dbMulti = dbMulti;
            this.neighbours = neighbours;
        }

        /** Items are relevant when they share a class. */
        public static Truth ofLabels(Labels queries, Labels database) {
            boolean multi = queries.isMultiLabel() || database.isMultiLabel();
            int classes = Math.max(queries.numClasses(), database.numClasses());
            return multi
                    ? new Truth(null, queries.toMultiHot(classes), null, database.toMultiHot(classes), null)
                    : new Truth(queries.classIndices(), null, database.classIndices(), null, null);
        }

        /** Query q's relevant items are the database positions in {@code neighbours[q]}. */
        public static Truth ofNeighbours(int[][] neighbours) {
            return new Truth(null, null, null, null, neighbours);
        }

        int queryCount() {
            return neighbours != null ? neighbours.length : querySingle != null ? querySingle.length : queryMulti.length;
        }

        /** Fails with a one-line message when the ground truth does not fit a database of {@code size}. */
        void check(int size) {
            if (neighbours != null) {
                for (int q = 0; q < neighbours.length; q++) {
                    for (int id : neighbours[q]) {
                        if (id < 0 || id >= size) {
                            throw new HashingException("neighbour list of query " + q + " names database item " + id
                                    + " but the database holds " + size + " codes");
                        }
                    }
                }
                return;
            }
            int n = dbSingle != null ? dbSingle.length : dbMulti.length;
            if (n != size) {
                throw new HashingException("the database labels cover " + n + " items but the database holds " + size
                        + " codes");
            }
        }

        /** The relevance of queries {@code [from, to)} against the whole database. */
        Relevance slice(int from, int to) {
            if (neighbours != null) {
                return Relevance.ofNeighbours(java.util.Arrays.copyOfRange(neighbours, from, to));
            }
            Labels q = querySingle != null ? Labels.singleLabel(java.util.Arrays.copyOfRange(querySingle, from, to))
                    : Labels.multiHot(java.util.Arrays.copyOfRange(queryMulti, from, to));
            Labels d = dbSingle != null ? Labels.singleLabel(dbSingle) : Labels.multiHot(dbMulti);
            return Relevance.ofLabels(q, d);
        }
    }

    private record Codes(int bits, int size, long[] words) implements Serializable {
        static Codes of(BinaryCodes c) {
            return new Codes(c.bits(), c.size(), c.toWords());
        }

        BinaryCodes codes() {
            return BinaryCodes.fromWords(size, bits, words);
        }
    }

    /**
     * Evaluates {@code queries} against {@code database} in {@code shards} query shards (at most
     * one per query).
     */
    public static RetrievalMetrics evaluate(SparkSession spark, BinaryCodes queries, BinaryCodes database, Truth truth,
            EvalOptions options, int shards) {
        if (queries.bits() != database.bits()) {
            throw new HashingException("query codes have " + queries.bits() + " bits but database codes have "
                    + database.bits());
        }
        if (queries.size() == 0 || database.size() == 0) {
            throw new HashingException(queries.size() == 0 ? "there are no query codes to evaluate"
                    : "the database has no codes");
        }
        if (truth.queryCount() != queries.size()) {
            throw new HashingException("the ground truth covers " + truth.queryCount() + " queries but there are "
                    + queries.size() + " query codes");
        }
        truth.check(database.size());
        long start = System.nanoTime();
        int n = queries.size();
        int s = Math.max(1, Math.min(shards, n));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Codes> db = jsc.broadcast(Codes.of(database));
        Broadcast<Codes> q = jsc.broadcast(Codes.of(queries));
        Broadcast<Truth> t = jsc.broadcast(truth);
        // EvalOptions is not serialisable: ship its settings and rebuild it in the task (one thread).
        int[] topK = options.topK();
        int[] radii = options.radii();
        int[] pn = options.precisionAtN();
        boolean pr = options.prCurve();
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < s; i++) {
            ranges.add(new int[] {(int) ((long) n * i / s), (int) ((long) n * (i + 1) / s)});
        }
        List<Map<String, Object>> parts = jsc.parallelize(ranges, s).map(r -> {
            int[] all = new int[r[1] - r[0]];
            java.util.Arrays.setAll(all, i -> r[0] + i);
            BinaryCodes shard = q.value().codes().select(all);
            return (Map<String, Object>) new LinkedHashMap<String, Object>(RetrievalEvaluator.evaluate(shard, db.value().codes(), t.value().slice(r[0], r[1]),
                    EvalOptions.builder().topK(topK).radii(radii).precisionAtN(pn).prCurve(pr).threads(1).build())
                    .toMap());
        }).collect();
        return combine(parts, n, (System.nanoTime() - start) / 1e9);
    }

    /** Query-weighted means of the shards' means, sums of their counts. */
    @SuppressWarnings("unchecked")
    static RetrievalMetrics combine(List<Map<String, Object>> parts, int totalQueries, double seconds) {
        Map<String, Object> out = new LinkedHashMap<>(parts.get(0));
        out.put("queries", totalQueries);
        int withoutRelevant = 0;
        for (Map<String, Object> p : parts) {
            withoutRelevant += ((Number) p.get("queries_without_relevant")).intValue();
        }
        out.put("queries_without_relevant", withoutRelevant);
        // Every mean the evaluator reports divides by all its queries, so shards combine by query count.
        // A key left out here would keep the first shard's value (tie-aware mAP once did).
        for (String key : List.of("mAP", "mAP_tie_aware", "P_H", "R_H", "P_at_N")) {
            if (parts.get(0).containsKey(key)) {
                out.put(key, weightedMeans(parts, key, totalQueries));
            }
        }
        Map<String, Object> empty = new LinkedHashMap<>();
        for (String r : ((Map<String, Object>) parts.get(0).get("empty_H")).keySet()) {
            int sum = 0;
            for (Map<String, Object> p : parts) {
                sum += ((Number) ((Map<String, Object>) p.get("empty_H")).get(r)).intValue();
            }
            empty.put(r, sum);
        }
        out.put("empty_H", empty);
        if (parts.get(0).containsKey("pr_by_radius")) {
            List<Object> curve = new ArrayList<>();
            List<Object> first = (List<Object>) parts.get(0).get("pr_by_radius");
            for (int i = 0; i < first.size(); i++) {
                double precision = 0;
                double recall = 0;
                int emptyCount = 0;
                for (Map<String, Object> p : parts) {
                    Map<String, Object> point = (Map<String, Object>) ((List<Object>) p.get("pr_by_radius")).get(i);
                    int nq = ((Number) p.get("queries")).intValue();
                    precision += ((Number) point.get("precision")).doubleValue() * nq;
                    recall += ((Number) point.get("recall")).doubleValue() * nq;
                    emptyCount += ((Number) point.get("empty")).intValue();
                }
                Map<String, Object> point = new LinkedHashMap<>((Map<String, Object>) first.get(i));
                point.put("precision", precision / totalQueries);
                point.put("recall", recall / totalQueries);
                point.put("empty", emptyCount);
                curve.add(point);
            }
            out.put("pr_by_radius", curve);
        }
        out.put("eval_seconds", seconds);
        return RetrievalMetrics.fromMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> weightedMeans(List<Map<String, Object>> parts, String key, int totalQueries) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : ((Map<String, Object>) parts.get(0).get(key)).keySet()) {
            double sum = 0;
            for (Map<String, Object> p : parts) {
                sum += ((Number) ((Map<String, Object>) p.get(key)).get(k)).doubleValue()
                        * ((Number) p.get("queries")).intValue();
            }
            out.put(k, sum / totalQueries);
        }
        return out;
    }
}
