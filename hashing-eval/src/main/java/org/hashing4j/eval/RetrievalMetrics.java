package org.hashing4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.core.HashingException;

/**
 * The results of one {@link RetrievalEvaluator} run, averaged over all queries: mAP at each
 * requested cut-off, P@H≤r / R@H≤r / empty-query counts at each requested radius, P@N, and the
 * precision–recall curve over radii 0..bits (always computed; {@link EvalOptions#prCurve()} decides
 * whether {@link #toMap()} includes it).
 *
 * <p>{@link #toMap()} gives the JSON layout of the fixture files ({@code "mAP"}, {@code "P_H"},
 * {@code "R_H"}, {@code "empty_H"}, {@code "P_at_N"}, {@code "pr_by_radius"}) plus tie-aware mAP
 * ({@code "mAP_tie_aware"}, same keys as {@code "mAP"}) and the run's shape;
 * {@link #fromMap} reads it back.
 */
public final class RetrievalMetrics {
    private final int bits;
    private final int queryCount;
    private final int databaseSize;
    private final String relevanceKind;
    private final int queriesWithoutRelevant;
    private final int[] topK;
    private final double[] map;
    /** Tie-aware mAP by cut-off, like {@link #map}; NaN where unknown (metrics files from before it existed). */
    private final double[] tieAwareMap;
    private final int[] precisionAtNLengths;
    private final double[] precisionAtN;
    private final int[] radii;
    /** Indexed by radius 0..bits; NaN / -1 where unknown (only after {@link #fromMap} without a curve). */
    private final double[] precisionByRadius;
    private final double[] recallByRadius;
    private final int[] emptyByRadius;
    private final boolean keepCurve;
    private final double seconds;

    RetrievalMetrics(int bits, int queryCount, int databaseSize, String relevanceKind, int queriesWithoutRelevant,
            int[] topK, double[] map, double[] tieAwareMap, int[] precisionAtNLengths, double[] precisionAtN, int[] radii,
            double[] precisionByRadius, double[] recallByRadius, int[] emptyByRadius, boolean keepCurve,
            double seconds) {
        this.bits = bits;
        this.queryCount = queryCount;
        this.databaseSize = databaseSize;
        this.relevanceKind = relevanceKind;
        this.queriesWithoutRelevant = queriesWithoutRelevant;
        this.topK = topK;
        this.map = map;
        this.tieAwareMap = tieAwareMap;
        this.precisionAtNLengths = precisionAtNLengths;
        this.precisionAtN = precisionAtN;
        this.radii = radii;
        this.precisionByRadius = precisionByRadius;
        this.recallByRadius = recallByRadius;
        this.emptyByRadius = emptyByRadius;
        this.keepCurve = keepCurve;
        this.seconds = seconds;
    }

    /** Code length. */
    public int bits() {
        return bits;
    }

    /** Number of queries evaluated. */
    public int queryCount() {
        return queryCount;
    }

    /** Number of database codes. */
    public int databaseSize() {
        return databaseSize;
    }

    /** Kind of ground truth ({@link Relevance#kind()}). */
    public String relevanceKind() {
        return relevanceKind;
    }

    /** Queries with no relevant item in the whole database (their AP and recall are 0). */
    public int queriesWithoutRelevant() {
        return queriesWithoutRelevant;
    }

    /** The evaluated cut-offs ({@link EvalOptions#ALL} for mAP@all), in option order. */
    public int[] topK() {
        return topK.clone();
    }

    /** mAP by cut-off label ("all", "1000", …), in option order. */
    public Map<String, Double> meanAveragePrecision() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < topK.length; i++) {
            m.put(EvalOptions.topKLabel(topK[i]), map[i]);
        }
        return m;
    }

    /** mAP@k for an evaluated cut-off k ({@link EvalOptions#ALL} for mAP@all). */
    public double mapAt(int k) {
        for (int i = 0; i < topK.length; i++) {
            if (topK[i] == k) {
                return map[i];
            }
        }
        throw new IllegalArgumentException("mAP@" + EvalOptions.topKLabel(k) + " was not evaluated (have "
                + meanAveragePrecision().keySet() + ")");
    }

    /** mAP@all (must have been evaluated). */
    public double mapAll() {
        return mapAt(EvalOptions.ALL);
    }

    /**
     * Tie-aware mAP by cut-off label ("all", "1000", …), in option order: the expected mAP when items
     * at equal Hamming distance are ordered at random rather than by index (see
     * {@link RetrievalEvaluator}). Empty when these metrics were read from a file without it.
     */
    public Map<String, Double> tieAwareMeanAveragePrecision() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < topK.length; i++) {
            if (!Double.isNaN(tieAwareMap[i])) {
                m.put(EvalOptions.topKLabel(topK[i]), tieAwareMap[i]);
            }
        }
        return m;
    }

    /** Whether tie-aware mAP@k is known for an evaluated cut-off k. */
    public boolean hasTieAwareMapAt(int k) {
        for (int i = 0; i < topK.length; i++) {
            if (topK[i] == k) {
                return !Double.isNaN(tieAwareMap[i]);
            }
        }
        return false;
    }

    /** Tie-aware mAP@k for an evaluated cut-off k ({@link EvalOptions#ALL} for mAP@all). */
    public double tieAwareMapAt(int k) {
        for (int i = 0; i < topK.length; i++) {
            if (topK[i] == k && !Double.isNaN(tieAwareMap[i])) {
                return tieAwareMap[i];
            }
        }
        throw new IllegalArgumentException("tie-aware mAP@" + EvalOptions.topKLabel(k) + " was not evaluated (have "
                + tieAwareMeanAveragePrecision().keySet() + ")");
    }

    /** The radii requested in the options, in option order. */
    public int[] radii() {
        return radii.clone();
    }

    /** Mean P@H≤r (a query with nothing within r scores 0); a radius above bits means bits. */
    public double precisionWithinRadius(int r) {
        return known(precisionByRadius, r, "P@H<=");
    }

    /** Mean R@H≤r; a radius above bits means bits. */
    public double recallWithinRadius(int r) {
        return known(recallByRadius, r, "R@H<=");
    }

    /** Number of queries with no database item within Hamming radius r. */
    public int emptyWithinRadius(int r) {
        int v = emptyByRadius[radiusIndex(r)];
        if (v < 0) {
            throw new IllegalArgumentException("empty count at radius " + r + " was not evaluated");
        }
        return v;
    }

    /** The P@N lengths requested, in option order. */
    public int[] precisionAtNLengths() {
        return precisionAtNLengths.clone();
    }

    /** Mean P@N for an evaluated N. */
    public double precisionAtN(int n) {
        for (int i = 0; i < precisionAtNLengths.length; i++) {
            if (precisionAtNLengths[i] == n) {
                return precisionAtN[i];
            }
        }
        throw new IllegalArgumentException("P@" + n + " was not evaluated (have "
                + Arrays.toString(precisionAtNLengths) + ")");
    }

    /** Whether the PR curve is part of {@link #toMap()}. */
    public boolean hasPrCurve() {
        return keepCurve;
    }

    /** Mean precision at radius 0..bits (the PR curve's precision, index = radius). */
    public double[] prCurvePrecision() {
        return precisionByRadius.clone();
    }

    /** Mean recall at radius 0..bits (the PR curve's recall, index = radius). */
    public double[] prCurveRecall() {
        return recallByRadius.clone();
    }

    /** Wall-clock seconds the evaluation took. */
    public double seconds() {
        return seconds;
    }

    private int radiusIndex(int r) {
        if (r < 0) {
            throw new IllegalArgumentException("radius must be >= 0, got " + r);
        }
        return Math.min(r, bits);
    }

    private double known(double[] values, int r, String what) {
        double v = values[radiusIndex(r)];
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(what + r + " was not evaluated");
        }
        return v;
    }

    /**
     * The results as nested maps and lists of numbers and strings, ready for JSON: the fixture keys
     * ({@code mAP}, {@code P_H}, {@code R_H}, {@code empty_H}, {@code P_at_N}, {@code pr_by_radius})
     * plus {@code bits}, {@code queries}, {@code database}, {@code relevance},
     * {@code queries_without_relevant} and {@code eval_seconds}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bits", bits);
        m.put("queries", queryCount);
        m.put("database", databaseSize);
        m.put("relevance", relevanceKind);
        m.put("queries_without_relevant", queriesWithoutRelevant);
        Map<String, Object> mapByK = new LinkedHashMap<>(meanAveragePrecision());
        m.put("mAP", mapByK);
        Map<String, Object> tieAwareByK = new LinkedHashMap<>(tieAwareMeanAveragePrecision());
        if (!tieAwareByK.isEmpty()) {
            m.put("mAP_tie_aware", tieAwareByK);
        }
        Map<String, Object> ph = new LinkedHashMap<>();
        Map<String, Object> rh = new LinkedHashMap<>();
        Map<String, Object> eh = new LinkedHashMap<>();
        for (int r : radii) {
            ph.put(Integer.toString(r), precisionWithinRadius(r));
            rh.put(Integer.toString(r), recallWithinRadius(r));
            eh.put(Integer.toString(r), emptyWithinRadius(r));
        }
        m.put("P_H", ph);
        m.put("R_H", rh);
        m.put("empty_H", eh);
        Map<String, Object> pn = new LinkedHashMap<>();
        for (int i = 0; i < precisionAtNLengths.length; i++) {
            pn.put(Integer.toString(precisionAtNLengths[i]), precisionAtN[i]);
        }
        m.put("P_at_N", pn);
        if (keepCurve) {
            List<Object> curve = new ArrayList<>();
            for (int r = 0; r <= bits; r++) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("radius", r);
                point.put("precision", precisionByRadius[r]);
                point.put("recall", recallByRadius[r]);
                point.put("empty", emptyByRadius[r]);
                curve.add(point);
            }
            m.put("pr_by_radius", curve);
        }
        m.put("eval_seconds", seconds);
        return m;
    }

    /**
     * Reads back the layout of {@link #toMap()} (e.g. a parsed {@code metrics.json}).
     *
     * @throws HashingException if a required key is missing or has the wrong type
     */
    @SuppressWarnings("unchecked")
    public static RetrievalMetrics fromMap(Map<String, ?> json) {
        Map<String, Object> m = (Map<String, Object>) json;
        try {
            int bits = ((Number) require(m, "bits")).intValue();
            Map<String, ?> mapByK = (Map<String, ?>) require(m, "mAP");
            int[] topK = new int[mapByK.size()];
            double[] map = new double[mapByK.size()];
            int i = 0;
            for (Map.Entry<String, ?> e : mapByK.entrySet()) {
                topK[i] = EvalOptions.parseTopKValue("mAP", e.getKey());
                map[i++] = ((Number) e.getValue()).doubleValue();
            }
            // Optional: metrics files written before tie-aware mAP existed lack it.
            Map<String, ?> tieByK = (Map<String, ?>) m.getOrDefault("mAP_tie_aware", Map.of());
            double[] tieAware = new double[topK.length];
            for (i = 0; i < topK.length; i++) {
                Object v = tieByK.get(EvalOptions.topKLabel(topK[i]));
                tieAware[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
            }
            Map<String, Object> pn = (Map<String, Object>) m.getOrDefault("P_at_N", Map.of());
            int[] lengths = new int[pn.size()];
            double[] pAtN = new double[pn.size()];
            i = 0;
            for (Map.Entry<String, Object> e : pn.entrySet()) {
                lengths[i] = Integer.parseInt(e.getKey());
                pAtN[i++] = ((Number) e.getValue()).doubleValue();
            }
            double[] precision = new double[bits + 1];
            double[] recall = new double[bits + 1];
            int[] empty = new int[bits + 1];
            Arrays.fill(precision, Double.NaN);
            Arrays.fill(recall, Double.NaN);
            Arrays.fill(empty, -1);
            List<?> curve = (List<?>) m.get("pr_by_radius");
            if (curve != null) {
                for (Object o : curve) {
                    Map<String, ?> p = (Map<String, ?>) o;
                    int r = ((Number) p.get("radius")).intValue();
                    precision[r] = ((Number) p.get("precision")).doubleValue();
                    recall[r] = ((Number) p.get("recall")).doubleValue();
                    if (p.get("empty") != null) {
                        empty[r] = ((Number) p.get("empty")).intValue();
                    }
                }
            }
            Map<String, Object> ph = (Map<String, Object>) m.getOrDefault("P_H", Map.of());
            Map<String, Object> rh = (Map<String, Object>) m.getOrDefault("R_H", Map.of());
            Map<String, Object> eh = (Map<String, Object>) m.getOrDefault("empty_H", Map.of());
            int[] radii = new int[ph.size()];
            i = 0;
            for (Map.Entry<String, Object> e : ph.entrySet()) {
                int r = Integer.parseInt(e.getKey());
                radii[i++] = r;
                int idx = Math.min(r, bits);
                precision[idx] = ((Number) e.getValue()).doubleValue();
                if (rh.get(e.getKey()) != null) {
                    recall[idx] = ((Number) rh.get(e.getKey())).doubleValue();
                }
                if (eh.get(e.getKey()) != null) {
                    empty[idx] = ((Number) eh.get(e.getKey())).intValue();
                }
            }
            return new RetrievalMetrics(bits, intOr(m, "queries", 0), intOr(m, "database", 0),
                    String.valueOf(m.getOrDefault("relevance", "unknown")), intOr(m, "queries_without_relevant", 0),
                    topK, map, tieAware, lengths, pAtN, radii, precision, recall, empty, curve != null,
                    m.get("eval_seconds") instanceof Number ? ((Number) m.get("eval_seconds")).doubleValue() : 0.0);
        } catch (ClassCastException | NumberFormatException | IndexOutOfBoundsException e) {
            throw new HashingException("metrics map has an unexpected layout: " + e.getMessage(), e);
        }
    }

    private static Object require(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new HashingException("metrics map has no '" + key + "' entry");
        }
        return v;
    }

    private static int intOr(Map<String, Object> m, String key, int fallback) {
        Object v = m.get(key);
        return v instanceof Number ? ((Number) v).intValue() : fallback;
    }

    /** A plain-text table of the results, one metric a line, for the command line. */
    public String toTable() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d queries, %d database codes, %d bits, relevance: %s%n", queryCount,
                databaseSize, bits, relevanceKind));
        if (queriesWithoutRelevant > 0) {
            s.append(String.format(Locale.ROOT, "(%d queries have no relevant item at all)%n", queriesWithoutRelevant));
        }
        s.append(String.format(Locale.ROOT, "%-14s %10s%n", "metric", "value"));
        for (int i = 0; i < topK.length; i++) {
            s.append(String.format(Locale.ROOT, "%-14s %10.4f%n", "mAP@" + EvalOptions.topKLabel(topK[i]), map[i]));
            if (!Double.isNaN(tieAwareMap[i])) {
                s.append(String.format(Locale.ROOT, "%-14s %10.4f   (tie-aware: expected AP over random orders of tied items)%n",
                        "TA-mAP@" + EvalOptions.topKLabel(topK[i]), tieAwareMap[i]));
            }
        }
        for (int r : radii) {
            s.append(String.format(Locale.ROOT, "%-14s %10.4f   (%d queries with nothing within radius %d)%n",
                    "P@H<=" + r, precisionWithinRadius(r), emptyWithinRadius(r), r));
        }
        for (int r : radii) {
            s.append(String.format(Locale.ROOT, "%-14s %10.4f%n", "R@H<=" + r, recallWithinRadius(r)));
        }
        for (int i = 0; i < precisionAtNLengths.length; i++) {
            s.append(String.format(Locale.ROOT, "%-14s %10.4f%n", "P@" + precisionAtNLengths[i], precisionAtN[i]));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "RetrievalMetrics" + meanAveragePrecision() + " (" + queryCount + " queries, " + databaseSize
                + " database, " + bits + " bits)";
    }
}
