package org.hashing4j.eval.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.RetrievalMetrics;

/**
 * The extra tables of an experiment report for results that are not rows of the main tables: a
 * group of entries (e.g. an ablation) and results under a second ground truth (kNN next to class
 * labels). The runner hands over plain results; this class lays them out in the papers' style, one
 * set of tables per group and ground truth, one row per label, one column per bit length:
 * <ul>
 *   <li>mAP and tie-aware mAP at every configured cut-off and P@H≤2 (when radius 2 was evaluated), captioned with the
 *       ground truth;</li>
 *   <li>for a group the experiment configured, the main-table rows of the methods the group varies
 *       come first (at the group's bit lengths), so that an ablation is read against the full
 *       method, and the code statistics are shown once per group.</li>
 * </ul>
 * Tables appear in the order their group and ground truth first received a result. Not thread-safe.
 */
public final class SideTables {
    /** Ground truth of items sharing a class label, as named in table titles. */
    public static final String LABEL_TRUTH = "class-label ground truth";
    /** Ground truth of Euclidean nearest neighbours, as named in table titles. */
    public static final String KNN_TRUTH = "kNN ground truth";
    /** The group of main-table methods' results under kNN ground truth when labels are the main one. */
    public static final String UNSUPERVISED_GROUP = "unsupervised methods";

    /**
     * One evaluated model under one ground truth.
     *
     * @param group       the side-table group, or null for a main-table result (kept as a reference
     *                    row for configured groups)
     * @param groundTruth {@link #LABEL_TRUTH} or {@link #KNN_TRUTH}
     * @param method      the method's registry name (which groups vary which method)
     * @param label       the row label
     * @param statistics  statistics of the database codes, or null
     */
    public record Row(String group, String groundTruth, String method, String label, int bits,
            RetrievalMetrics metrics, CodeStatistics statistics) {
        public Row {
            Objects.requireNonNull(groundTruth, "groundTruth");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    private final Set<String> configuredGroups;
    private final int knnK;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, String> groupCaptions = new LinkedHashMap<>();
    private final List<Row> references = new ArrayList<>();

    /**
     * @param configuredGroups the groups named in the experiment's method entries (only these start
     *                         with reference rows and show code statistics)
     * @param knnK             neighbours per query of the kNN ground truth, for its caption
     */
    public SideTables(Collection<String> configuredGroups, int knnK) {
        this.configuredGroups = Set.copyOf(configuredGroups);
        this.knnK = knnK;
    }

    /**
     * A sentence that opens the captions of {@code group}'s tables, e.g. which queries and database
     * a protocol setting searched.
     */
    public SideTables describeGroup(String group, String text) {
        groupCaptions.put(Objects.requireNonNull(group, "group"), Objects.requireNonNull(text, "text"));
        return this;
    }

    /** Adds a result: to its group's tables, or, without a group, as a main-table reference row. */
    public SideTables add(Row row) {
        if (row.group() == null) {
            references.add(row);
        } else {
            tables.computeIfAbsent(row.group() + "|" + row.groundTruth(),
                    k -> new Table(row.group(), row.groundTruth())).add(row);
        }
        return this;
    }

    /** The tables, in report order, with the cut-offs and radii of {@code options}. */
    public List<ReportTable> build(EvalOptions options) {
        List<ReportTable> out = new ArrayList<>();
        Set<String> groupsWithStatistics = new HashSet<>();
        for (Table t : tables.values()) {
            t.build(out, options, groupsWithStatistics.add(t.group));
        }
        return out;
    }

    /** Adds {@link #build the tables} to {@code report}. */
    public void addTo(ExperimentReport report, EvalOptions options) {
        for (ReportTable t : build(options)) {
            report.addTable(t);
        }
    }

    /** The results of one group under one ground truth. */
    private final class Table {
        final String group;
        final String truth;
        final Map<String, Map<Integer, RetrievalMetrics>> metrics = new LinkedHashMap<>();
        final Map<String, Map<Integer, CodeStatistics>> stats = new LinkedHashMap<>();
        final TreeSet<Integer> bits = new TreeSet<>();
        final Set<String> methods = new HashSet<>();

        Table(String group, String truth) {
            this.group = group;
            this.truth = truth;
        }

        void add(Row r) {
            metrics.computeIfAbsent(r.label(), x -> new LinkedHashMap<>()).put(r.bits(), r.metrics());
            stats.computeIfAbsent(r.label(), x -> new LinkedHashMap<>()).put(r.bits(), r.statistics());
            bits.add(r.bits());
            methods.add(r.method());
        }

        /**
         * Appends this group's tables; code statistics only if {@code withStatistics} (the first
         * table of a configured group: the main tables already have them for the rest).
         */
        void build(List<ReportTable> out, EvalOptions options, boolean withStatistics) {
            boolean configured = configuredGroups.contains(group);
            Map<String, Map<Integer, RetrievalMetrics>> m = new LinkedHashMap<>();
            Map<String, Map<Integer, CodeStatistics>> st = new LinkedHashMap<>();
            if (configured) {
                for (Row r : references) {
                    if (methods.contains(r.method()) && r.groundTruth().equals(truth) && bits.contains(r.bits())
                            && !metrics.containsKey(r.label())) {
                        m.computeIfAbsent(r.label(), x -> new LinkedHashMap<>()).put(r.bits(), r.metrics());
                        st.computeIfAbsent(r.label(), x -> new LinkedHashMap<>()).put(r.bits(), r.statistics());
                    }
                }
            }
            m.putAll(metrics);
            st.putAll(stats);
            String caption = (groupCaptions.containsKey(group) ? groupCaptions.get(group) + " " : "")
                    + (truth.startsWith("kNN")
                    ? "Ground truth: the " + knnK + " Euclidean nearest neighbours of each query in the input features."
                    : "Ground truth: items sharing a class label.");
            for (int k : options.topK()) {
                out.add(table("mAP@" + EvalOptions.topKLabel(k), caption, m, x -> x.mapAt(k)));
                out.add(table(ResultGrid.TIE_AWARE + "mAP@" + EvalOptions.topKLabel(k), caption
                        + " Expected mAP" + ResultGrid.TIE_AWARE_CAPTION, m,
                        x -> x.hasTieAwareMapAt(k) ? x.tieAwareMapAt(k) : Double.NaN));
            }
            if (Arrays.stream(options.radii()).anyMatch(r -> r == 2)) {
                out.add(table("P@H≤2", caption, m, x -> x.precisionWithinRadius(2)));
            }
            if (withStatistics && configured) {
                out.add(statsTable("Mean |bit balance|", st, CodeStatistics::meanAbsBalance));
                out.add(statsTable("Mean |bit correlation|", st, CodeStatistics::meanAbsCorrelation));
            }
        }

        private ReportTable table(String metric, String caption, Map<String, Map<Integer, RetrievalMetrics>> rows,
                ToDoubleFunction<RetrievalMetrics> value) {
            ReportTable t = ReportTable.methodsByBits(metric + ", " + group + " (" + truth + ")", caption, bits);
            for (Map.Entry<String, Map<Integer, RetrievalMetrics>> e : rows.entrySet()) {
                t.addRow(row(e.getKey(), e.getValue(), value));
            }
            return t;
        }

        private ReportTable statsTable(String metric, Map<String, Map<Integer, CodeStatistics>> rows,
                ToDoubleFunction<CodeStatistics> value) {
            ReportTable t = ReportTable.methodsByBits(metric + ", " + group, "Code statistics of the database codes.", bits);
            for (Map.Entry<String, Map<Integer, CodeStatistics>> e : rows.entrySet()) {
                t.addRow(row(e.getKey(), e.getValue(), value));
            }
            return t;
        }

        /** Label, then one 4-decimal cell per bit length; a dash where the label has no result. */
        private <T> Object[] row(String label, Map<Integer, T> byBits, ToDoubleFunction<T> value) {
            Object[] row = new Object[bits.size() + 1];
            row[0] = label;
            int i = 1;
            for (int b : bits) {
                T x = byBits.get(b);
                row[i++] = x == null ? "–" : ReportTable.format(value.applyAsDouble(x));
            }
            return row;
        }
    }
}
