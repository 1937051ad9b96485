package org.hashing4j.eval;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hashing4j.core.HashingException;

/**
 * What {@link RetrievalEvaluator} computes: the cut-offs k of mAP@k ({@link #ALL} for the whole
 * database), the Hamming radii r of P@H≤r and R@H≤r, the list lengths N of P@N, whether to keep the
 * precision–recall curve over every radius 0..bits, and how many threads score the queries.
 *
 * <p>Immutable; build one with {@link #builder()} or start from {@link #defaults()}. Lists keep the
 * order they were given in (duplicates dropped), which is the order tables and JSON show them in.
 */
public final class EvalOptions {
    /** The k of mAP@all: rank the whole database. */
    public static final int ALL = Integer.MAX_VALUE;

    private final int[] topK;
    private final int[] radii;
    private final int[] precisionAtN;
    private final boolean prCurve;
    private final int threads;

    private EvalOptions(Builder b) {
        this.topK = b.topK.clone();
        this.radii = b.radii.clone();
        this.precisionAtN = b.precisionAtN.clone();
        this.prCurve = b.prCurve;
        this.threads = b.threads;
    }

    /**
     * mAP@all, P@H≤r and R@H≤r for r = 0, 1, 2, P@N for N = 1, 10, 100, 1000, the PR curve, one
     * thread per available processor.
     */
    public static EvalOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.topK = topK.clone();
        b.radii = radii.clone();
        b.precisionAtN = precisionAtN.clone();
        b.prCurve = prCurve;
        b.threads = threads;
        return b;
    }

    /** The k of each mAP@k ({@link #ALL} for mAP@all). */
    public int[] topK() {
        return topK.clone();
    }

    /** The radii r of P@H≤r and R@H≤r. */
    public int[] radii() {
        return radii.clone();
    }

    /** The list lengths N of P@N. */
    public int[] precisionAtN() {
        return precisionAtN.clone();
    }

    /** Whether the precision–recall curve over radii 0..bits is kept in the results. */
    public boolean prCurve() {
        return prCurve;
    }

    /** Threads that score queries in parallel. */
    public int threads() {
        return threads;
    }

    /** The label of a cut-off k: {@code "all"} for {@link #ALL}, else the number. */
    public static String topKLabel(int k) {
        return k == ALL ? "all" : Integer.toString(k);
    }

    /**
     * Parses a comma-separated list of cut-offs given with {@code --topk}, such as
     * {@code "all,1000,5000"}; see {@link #parseTopK(String, String)}.
     *
     * @throws HashingException naming the bad entry
     */
    public static int[] parseTopK(String csv) {
        return parseTopK("--topk", csv);
    }

    /**
     * Parses a comma-separated list of cut-offs such as {@code "all,1000,5000"}, each as
     * {@link #parseTopKValue}; {@code what} names the option in the error message.
     *
     * @throws HashingException naming the option and the bad entry
     */
    public static int[] parseTopK(String what, String csv) {
        String[] parts = entries(what, csv);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parseTopKValue(what, parts[i]);
        }
        return out;
    }

    /**
     * Parses one cut-off: {@code "all"} (in any case) is {@link #ALL}, else a positive integer; the
     * inverse of {@link #topKLabel}. The one top-k parser: command-line lists, experiment configs and
     * metrics files all come through here.
     *
     * @param what names the option or setting in the error message
     * @throws HashingException naming {@code what} and the bad value
     */
    public static int parseTopKValue(String what, String k) {
        if (k == null) {
            throw new HashingException(what + ": empty top-k value");
        }
        String v = k.trim();
        if (v.equalsIgnoreCase("all")) {
            return ALL;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed < 1) {
            throw new HashingException(what + ": top-k must be 'all' or a positive integer, got '" + k + "'");
        }
        return parsed;
    }

    /**
     * Parses a comma-separated list of integers, each at least {@code min}, such as radii
     * {@code "0,1,2"}; {@code what} names the option in the error message.
     *
     * @throws HashingException naming the bad entry
     */
    public static int[] parseIntList(String what, String csv, int min) {
        String[] parts = entries(what, csv);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            try {
                out[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new HashingException(what + ": '" + p + "' is not an integer (in '" + csv + "')");
            }
            if (out[i] < min) {
                throw new HashingException(what + ": " + out[i] + " is below the smallest allowed value " + min);
            }
        }
        return out;
    }

    /** The entries of a comma-separated list, empty ones included (so that "5,,6" is refused). */
    private static String[] entries(String what, String csv) {
        if (csv == null || csv.isBlank()) {
            throw new HashingException(what + ": empty list");
        }
        return csv.split(",", -1);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("EvalOptions[topK=");
        for (int i = 0; i < topK.length; i++) {
            s.append(i == 0 ? "" : ",").append(topKLabel(topK[i]));
        }
        return s.append(", radii=").append(Arrays.toString(radii)).append(", P@N=")
                .append(Arrays.toString(precisionAtN)).append(", prCurve=").append(prCurve)
                .append(", threads=").append(threads).append(']').toString();
    }

    /** Builds {@link EvalOptions}; every list may be empty except that something must be computed. */
    public static final class Builder {
        private int[] topK = {ALL};
        private int[] radii = {0, 1, 2};
        private int[] precisionAtN = {1, 10, 100, 1000};
        private boolean prCurve = true;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** The cut-offs of mAP@k ({@link #ALL} for mAP@all), each ≥ 1. */
        public Builder topK(int... ks) {
            this.topK = distinct(ks, 1, "top-k cut-off");
            return this;
        }

        /** The radii of P@H≤r and R@H≤r, each ≥ 0. */
        public Builder radii(int... rs) {
            this.radii = distinct(rs, 0, "Hamming radius");
            return this;
        }

        /** The list lengths of P@N, each ≥ 1. */
        public Builder precisionAtN(int... ns) {
            this.precisionAtN = distinct(ns, 1, "P@N length");
            return this;
        }

        /** Whether to keep the precision–recall curve over radii 0..bits. */
        public Builder prCurve(boolean on) {
            this.prCurve = on;
            return this;
        }

        /** Threads that score queries (≥ 1). */
        public Builder threads(int n) {
            if (n < 1) {
                throw new HashingException("thread count must be >= 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        public EvalOptions build() {
            return new EvalOptions(this);
        }

        private static int[] distinct(int[] values, int min, String what) {
            Set<Integer> seen = new LinkedHashSet<>();
            for (int v : values) {
                if (v < min) {
                    throw new HashingException(what + " must be >= " + min + ", got " + v);
                }
                seen.add(v);
            }
            return seen.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
