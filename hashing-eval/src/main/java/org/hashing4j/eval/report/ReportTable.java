package org.hashing4j.eval.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.hashing4j.core.HashingException;

/**
 * An extra table for a report, e.g. an ablation study: a title, an optional caption, a header row
 * and rows of cells. Numbers are shown with 4 decimals (integers as they are), {@code null} and NaN
 * as a dash.
 */
public final class ReportTable {
    private final String title;
    private final String caption;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public ReportTable(String title, String caption, List<String> header) {
        if (header == null || header.isEmpty()) {
            throw new HashingException("table '" + title + "' needs at least one column");
        }
        this.title = title;
        this.caption = caption;
        this.header = List.copyOf(header);
    }

    /**
     * A table with one row per method and one column per bit length, the shape of the report's
     * metric tables: the header is "Method", then "16 bits", "32 bits"… in {@code bits}' order.
     */
    public static ReportTable methodsByBits(String title, String caption, Iterable<Integer> bits) {
        List<String> header = new ArrayList<>();
        header.add("Method");
        for (int b : bits) {
            header.add(b + " bits");
        }
        return new ReportTable(title, caption, header);
    }

    /** Adds a row with one cell per header column. */
    public ReportTable addRow(Object... cells) {
        if (cells.length != header.size()) {
            throw new HashingException("table '" + title + "' has " + header.size() + " columns, row has "
                    + cells.length + " cells");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(format(c));
        }
        rows.add(Collections.unmodifiableList(row));
        return this;
    }

    /** How a cell value is shown. */
    static String format(Object c) {
        if (c == null) {
            return "–";
        }
        if (c instanceof Double || c instanceof Float) {
            double v = ((Number) c).doubleValue();
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
        }
        return c.toString();
    }

    public String title() {
        return title;
    }

    /** Caption, or null. */
    public String caption() {
        return caption;
    }

    public List<String> header() {
        return header;
    }

    /** The rows as formatted cells. */
    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }
}
