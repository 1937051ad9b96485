package org.hashing4j.eval.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.hashing4j.core.HashingException;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.RetrievalMetrics;

/**
 * Tables of repeated training runs: entries of an experiment that train the same method with the
 * same parameters and differ only in their training seed are one <em>repeat group</em>, and each
 * metric is shown as mean ± sample standard deviation over the group's seeds, per bit length. A
 * single seed's mAP hides how much of a gap between two methods is the luck of one initialisation;
 * these tables show it.
 *
 * <p>The runner hands over one {@link Run} per trained model; groups with runs of only one seed at
 * every bit length produce no row. Groups appear in the order they first received a run.
 * Not thread-safe.
 */
public final class SeedSummary {
    /**
     * One trained model.
     *
     * @param group           what makes runs repeats of each other (the method, its parameters, its
     *                        training set), as an opaque key
     * @param label           the row label of the group (the first run's is used)
     * @param seed            the run's training seed
     * @param trainingSeconds training time, or NaN if unknown
     */
    public record Run(String group, String label, long seed, int bits, RetrievalMetrics metrics,
            double trainingSeconds) {
        public Run {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /** Mean and sample standard deviation of n values (sd NaN when n &lt; 2). */
    public record Spread(double mean, double sd, int n) {
        /** Of {@code values}, NaNs left out. */
        public static Spread of(double[] values) {
            double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, 0);
            }
            double mean = Arrays.stream(v).average().orElseThrow();
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return new Spread(mean, v.length < 2 ? Double.NaN : Math.sqrt(ss / (v.length - 1)), v.length);
        }

        /** "0.9080 ± 0.0012 (3 seeds)"; one seed shows its value alone; none, a dash. */
        public String format(String pattern) {
            if (n == 0) {
                return "–";
            }
            String m = String.format(Locale.ROOT, pattern, mean);
            return n == 1 ? m + " (1 seed)" : m + " ± " + String.format(Locale.ROOT, pattern, sd) + " (" + n + " seeds)";
        }
    }

    private final Map<String, String> labels = new LinkedHashMap<>();
    /** group → bits → seed → run. */
    private final Map<String, Map<Integer, Map<Long, Run>>> runs = new LinkedHashMap<>();

    /** Adds a run; a second run of the same group, bit length and seed is an error (it would count twice). */
    public SeedSummary add(Run run) {
        labels.putIfAbsent(run.group(), run.label());
        Map<Long, Run> bySeed = runs.computeIfAbsent(run.group(), g -> new TreeMap<>())
                .computeIfAbsent(run.bits(), b -> new TreeMap<>());
        Run earlier = bySeed.putIfAbsent(run.seed(), run);
        if (earlier != null) {
            throw new HashingException("'" + earlier.label() + "' and '" + run.label() + "' train the same method"
                    + " with the same parameters and seed " + run.seed() + " at " + run.bits()
                    + " bits; give one of them another seed");
        }
        return this;
    }

    /** The groups with more than one seed at some bit length, in order of their first run. */
    List<String> repeatedGroups() {
        List<String> out = new ArrayList<>();
        runs.forEach((g, byBits) -> {
            if (byBits.values().stream().anyMatch(s -> s.size() > 1)) {
                out.add(g);
            }
        });
        return out;
    }

    /**
     * The tables (none when no group is repeated): mAP and tie-aware mAP at every cut-off of
     * {@code options}, P@H≤2 when radius 2 was evaluated, and training time.
     */
    public List<ReportTable> build(EvalOptions options) {
        List<String> groups = repeatedGroups();
        if (groups.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> bits = new TreeSet<>();
        groups.forEach(g -> bits.addAll(runs.get(g).keySet()));
        String caption = "Mean ± sample standard deviation over training seeds (the data split is the same for"
                + " every seed); rows are methods trained with more than one seed.";
        List<ReportTable> out = new ArrayList<>();
        for (int k : options.topK()) {
            out.add(table("mAP@" + EvalOptions.topKLabel(k), caption, groups, bits, "%.4f", r -> r.metrics().mapAt(k)));
            out.add(table(ResultGrid.TIE_AWARE + "mAP@" + EvalOptions.topKLabel(k), caption, groups, bits, "%.4f",
                    r -> r.metrics().hasTieAwareMapAt(k) ? r.metrics().tieAwareMapAt(k) : Double.NaN));
        }
        if (Arrays.stream(options.radii()).anyMatch(r -> r == 2)) {
            out.add(table("P@H≤2", caption, groups, bits, "%.4f", r -> r.metrics().precisionWithinRadius(2)));
        }
        out.add(table("Training time (s)", caption, groups, bits, "%.0f", Run::trainingSeconds));
        return out;
    }

    /** Adds {@link #build the tables} to {@code report}. */
    public void addTo(ExperimentReport report, EvalOptions options) {
        build(options).forEach(report::addTable);
    }

    private ReportTable table(String metric, String caption, List<String> groups, TreeSet<Integer> bits,
            String pattern, ToDoubleFunction<Run> value) {
        ReportTable t = ReportTable.methodsByBits(metric + " over seeds (mean ± sd)", caption, bits);
        for (String g : groups) {
            Object[] row = new Object[bits.size() + 1];
            row[0] = labels.get(g);
            int i = 1;
            for (int b : bits) {
                Map<Long, Run> bySeed = runs.get(g).get(b);
                row[i++] = bySeed == null ? "–"
                        : Spread.of(bySeed.values().stream().mapToDouble(value).toArray()).format(pattern);
            }
            t.addRow(row);
        }
        return t;
    }
}
