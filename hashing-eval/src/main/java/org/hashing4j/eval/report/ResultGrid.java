package org.hashing4j.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One results table in the papers' layout: a row per method, a column per code length, one number
 * per cell (null where that method was not run at that length or the value is unknown). The best
 * value of each column can be marked.
 */
final class ResultGrid {
    final String title;
    final String caption;
    final List<String> methods;
    final List<Integer> bits;
    final Double[][] values;
    /** 1: higher is better, -1: lower is better, 0: no best marked. */
    final int better;
    final String pattern;

    ResultGrid(String title, String caption, List<String> methods, List<Integer> bits, Double[][] values, int better,
            String pattern) {
        this.title = title;
        this.caption = caption;
        this.methods = methods;
        this.bits = bits;
        this.values = values;
        this.better = better;
        this.pattern = pattern;
    }

    /** Fills a grid from the results; {@code value} returns null for "not available". */
    static ResultGrid of(String title, String caption, List<String> methods, List<Integer> bits,
            List<MethodResult> results, Function<MethodResult, Double> value, int better, String pattern) {
        Double[][] v = new Double[methods.size()][bits.size()];
        for (MethodResult r : results) {
            Double x = value.apply(r);
            if (x != null && Double.isFinite(x)) {
                v[methods.indexOf(r.method())][bits.indexOf(r.bits())] = x;
            }
        }
        return new ResultGrid(title, caption, methods, bits, v, better, pattern);
    }

    boolean isEmpty() {
        for (Double[] row : values) {
            for (Double x : row) {
                if (x != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether cell (m, b) holds the best value of its column (and the column has more than one value). */
    boolean isBest(int m, int b) {
        if (better == 0 || values[m][b] == null) {
            return false;
        }
        int count = 0;
        for (Double[] row : values) {
            Double x = row[b];
            if (x == null) {
                continue;
            }
            count++;
            if (better > 0 ? x > values[m][b] : x < values[m][b]) {
                return false;
            }
        }
        return count > 1;
    }

    String cell(int m, int b) {
        Double x = values[m][b];
        return x == null ? "–" : String.format(Locale.ROOT, pattern, x);
    }

    String columnName(int b) {
        return bits.get(b) + " bits";
    }
}
