package org.hashing4j.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.HashingException;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.RetrievalMetrics;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Collects the results of an experiment — methods × code lengths — and writes them as a report:
 * <ul>
 *   <li>{@code results.md}: tables in the papers' layout (one row per method, one column per bit
 *       length): mAP@all first, then mAP at the other cut-offs, P@H≤2, R@H≤2, then code statistics,
 *       training time and encoding speed, extra tables and notes;</li>
 *   <li>{@code report.html}: the same tables plus charts (mAP against bits, precision–recall and
 *       precision@N curves per bit length, bit balance, bit-correlation heat maps) and retrieval
 *       galleries, in one self-contained file: the charts (XChart) and thumbnails are embedded PNGs,
 *       so it opens offline;</li>
 *   <li>{@code metrics.json}: every number, for scripts.</li>
 * </ul>
 * Methods appear in the order they were first added; a result added again for the same method and
 * bit length replaces the earlier one. Not thread-safe.
 */
public final class ExperimentReport {
    static {
        // Charts and thumbnails are drawn off-screen; a server has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final String title;
    private String description = "";
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<MethodResult> results = new ArrayList<>();
    private final List<RetrievalGallery> galleries = new ArrayList<>();
    private final List<ReportTable> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A report titled e.g. "JMLH on Fashion-MNIST". */
    public ExperimentReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** A paragraph under the title: what was run, on what data. */
    public ExperimentReport description(String text) {
        this.description = text == null ? "" : text;
        return this;
    }

    /** One line of the settings list (dataset, protocol, seed, ground truth, machine, …). */
    public ExperimentReport setting(String name, Object value) {
        settings.put(name, String.valueOf(value));
        return this;
    }

    /**
     * Adds the result of {@code method} at {@code bits} bits.
     *
     * @param codeStatistics          statistics of the database codes, or null
     * @param trainingSeconds         training time, or NaN if unknown
     * @param encodingImagesPerSecond encoding throughput, or NaN if unknown
     * @param notes                   free text shown under the tables, or null
     */
    public ExperimentReport addResult(String method, int bits, RetrievalMetrics metrics, CodeStatistics codeStatistics,
            double trainingSeconds, double encodingImagesPerSecond, String notes) {
        return addResult(new MethodResult(method, bits, metrics, codeStatistics, trainingSeconds,
                encodingImagesPerSecond, notes));
    }

    /** Adds (or replaces, for the same method and bit length) a result. */
    public ExperimentReport addResult(MethodResult result) {
        if (result.metrics().bits() != result.bits()) {
            throw new HashingException("result of " + result.method() + " is filed under " + result.bits()
                    + " bits but its metrics are for " + result.metrics().bits() + "-bit codes");
        }
        for (int i = 0; i < results.size(); i++) {
            MethodResult r = results.get(i);
            if (r.method().equals(result.method()) && r.bits() == result.bits()) {
                results.set(i, result);
                return this;
            }
        }
        results.add(result);
        return this;
    }

    /** Adds a retrieval gallery (query images and their top results). */
    public ExperimentReport addGallery(RetrievalGallery gallery) {
        galleries.add(Objects.requireNonNull(gallery));
        return this;
    }

    /** Adds an extra table (e.g. an ablation), shown after the results. */
    public ExperimentReport addTable(ReportTable table) {
        tables.add(Objects.requireNonNull(table));
        return this;
    }

    /** Adds a note (e.g. which ground truth was used), shown at the end. */
    public ExperimentReport addNote(String note) {
        notes.add(Objects.requireNonNull(note));
        return this;
    }

    public String title() {
        return title;
    }

    /** All results, in the order added. */
    public List<MethodResult> results() {
        return Collections.unmodifiableList(results);
    }

    /** Method names in the order first added (the table rows). */
    public List<String> methods() {
        Set<String> m = new LinkedHashSet<>();
        for (MethodResult r : results) {
            m.add(r.method());
        }
        return new ArrayList<>(m);
    }

    /** Bit lengths, ascending (the table columns). */
    public List<Integer> bitLengths() {
        Set<Integer> b = new TreeSet<>();
        for (MethodResult r : results) {
            b.add(r.bits());
        }
        return new ArrayList<>(b);
    }

    // ---------------------------------------------------------------- tables

    /** The results tables in the papers' layout, in report order (empty tables left out). */
    List<ResultGrid> grids() {
        List<String> methods = methods();
        List<Integer> bits = bitLengths();
        List<ResultGrid> grids = new ArrayList<>();
        Set<Integer> ks = new LinkedHashSet<>();
        boolean anyAll = false;
        for (MethodResult r : results) {
            for (int k : r.metrics().topK()) {
                if (k == EvalOptions.ALL) {
                    anyAll = true;
                } else {
                    ks.add(k);
                }
            }
        }
        List<Integer> orderedK = new ArrayList<>();
        if (anyAll) {
            orderedK.add(EvalOptions.ALL);
        }
        ks.stream().sorted().forEach(orderedK::add);
        for (int k : orderedK) {
            String label = "mAP@" + EvalOptions.topKLabel(k);
            grids.add(ResultGrid.of(label, k == EvalOptions.ALL
                    ? "Mean average precision over the whole ranked database (Hamming ranking, ties by index)."
                    : "Mean average precision over the top " + k + " ranked items.",
                    methods, bits, results, r -> ReportCharts.has(r, k) ? r.metrics().mapAt(k) : null, 1, "%.4f"));
        }
        for (int radius : radiiToShow()) {
            grids.add(ResultGrid.of("P@H≤" + radius, "Precision of the items within Hamming distance " + radius
                    + " of the query (a query that finds nothing scores 0).", methods, bits, results,
                    r -> hasRadius(r, radius) ? r.metrics().precisionWithinRadius(radius) : null, 1, "%.4f"));
            grids.add(ResultGrid.of("R@H≤" + radius, "Recall of the relevant items within Hamming distance "
                    + radius + ".", methods, bits, results,
                    r -> hasRadius(r, radius) ? r.metrics().recallWithinRadius(radius) : null, 1, "%.4f"));
        }
        grids.add(ResultGrid.of("Mean |bit balance|", "Mean over bits of |mean of the ±1 bit| over the database"
                + " codes; 0 = every bit splits the database in half.", methods, bits, results,
                r -> r.codeStatistics() == null ? null : r.codeStatistics().meanAbsBalance(), -1, "%.4f"));
        grids.add(ResultGrid.of("Mean |bit correlation|", "Mean absolute Pearson correlation between different"
                + " bits of the database codes; 0 = uncorrelated bits.", methods, bits, results,
                r -> r.codeStatistics() == null ? null : r.codeStatistics().meanAbsCorrelation(), -1, "%.4f"));
        grids.add(ResultGrid.of("Code entropy (bits)", "Entropy of the distribution of distinct database codes;"
                + " at most min(bits, log2 of the database size).", methods, bits, results,
                r -> r.codeStatistics() == null ? null : r.codeStatistics().entropyBits(), 0, "%.2f"));
        grids.add(ResultGrid.of("Training time (s)", "Wall-clock training time.", methods, bits, results,
                MethodResult::trainingSeconds, 0, "%.1f"));
        grids.add(ResultGrid.of("Encoding speed (images/s)", "Images encoded to codes per second.", methods, bits,
                results, MethodResult::encodingImagesPerSecond, 0, "%,.0f"));
        grids.removeIf(ResultGrid::isEmpty);
        return grids;
    }

    /** Radius 2 (the papers' P@H≤2) if any result has it, else every evaluated radius. */
    private List<Integer> radiiToShow() {
        Set<Integer> all = new TreeSet<>();
        for (MethodResult r : results) {
            for (int x : r.metrics().radii()) {
                all.add(x);
            }
        }
        return all.contains(2) ? List.of(2) : new ArrayList<>(all);
    }

    private static boolean hasRadius(MethodResult r, int radius) {
        for (int x : r.metrics().radii()) {
            if (x == radius) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- Markdown

    /** The report as Markdown ({@code results.md}). */
    public String toMarkdown() {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(title).append("\n\n");
        if (!description.isEmpty()) {
            s.append(description).append("\n\n");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            s.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
        }
        if (!settings.isEmpty()) {
            s.append('\n');
        }
        if (results.isEmpty()) {
            s.append("No results.\n");
        }
        for (ResultGrid g : grids()) {
            s.append("## ").append(g.title).append("\n\n");
            s.append("| Method |");
            for (int b = 0; b < g.bits.size(); b++) {
                s.append(' ').append(g.columnName(b)).append(" |");
            }
            s.append("\n|:--|");
            for (int b = 0; b < g.bits.size(); b++) {
                s.append("--:|");
            }
            s.append('\n');
            for (int m = 0; m < g.methods.size(); m++) {
                s.append("| ").append(mdCell(g.methods.get(m))).append(" |");
                for (int b = 0; b < g.bits.size(); b++) {
                    String c = g.cell(m, b);
                    s.append(' ').append(g.isBest(m, b) ? "**" + c + "**" : c).append(" |");
                }
                s.append('\n');
            }
            s.append("\n*").append(g.caption).append(g.better != 0 ? " Best per column in bold." : "")
                    .append("*\n\n");
        }
        for (ReportTable t : tables) {
            s.append("## ").append(t.title()).append("\n\n|");
            for (String h : t.header()) {
                s.append(' ').append(mdCell(h)).append(" |");
            }
            s.append("\n|");
            for (int i = 0; i < t.header().size(); i++) {
                s.append(i == 0 ? ":--|" : "--:|");
            }
            s.append('\n');
            for (List<String> row : t.rows()) {
                s.append('|');
                for (String c : row) {
                    s.append(' ').append(mdCell(c)).append(" |");
                }
                s.append('\n');
            }
            if (t.caption() != null) {
                s.append("\n*").append(t.caption()).append("*\n");
            }
            s.append('\n');
        }
        List<String> allNotes = allNotes();
        if (!allNotes.isEmpty()) {
            s.append("## Notes\n\n");
            for (String n : allNotes) {
                s.append("- ").append(n).append('\n');
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** The report's notes followed by the per-result notes. */
    private List<String> allNotes() {
        List<String> out = new ArrayList<>(notes);
        for (MethodResult r : results) {
            if (r.notes() != null && !r.notes().isBlank()) {
                out.add(r.method() + ", " + r.bits() + " bits: " + r.notes());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- JSON

    /** Every number of the report as nested maps and lists (the content of {@code metrics.json}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description);
        m.put("settings", new LinkedHashMap<>(settings));
        m.put("methods", methods());
        m.put("bits", bitLengths());
        List<Object> rs = new ArrayList<>();
        for (MethodResult r : results) {
            rs.add(r.toMap());
        }
        m.put("results", rs);
        List<Object> ts = new ArrayList<>();
        for (ReportTable t : tables) {
            ts.add(t.toMap());
        }
        m.put("tables", ts);
        List<Object> gs = new ArrayList<>();
        for (RetrievalGallery g : galleries) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("title", g.title());
            gm.put("queries", g.size());
            gm.put("shown_precision", MethodResult.finiteOrNull(g.shownPrecision()));
            gs.add(gm);
        }
        m.put("galleries", gs);
        m.put("notes", allNotes());
        return m;
    }

    // ---------------------------------------------------------------- HTML

    /** The report as one self-contained HTML page ({@code report.html}). */
    public String toHtml() {
        Html h = new Html();
        List<String> chartProblems = new ArrayList<>();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").text(title)
                .raw("</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n")
                .raw(Html.CSS).raw("</style>\n</head>\n<body>\n<header>\n<h1>").text(title).raw("</h1>\n");
        if (!description.isEmpty()) {
            h.raw("<p class=\"lead\">").text(description).raw("</p>\n");
        }
        if (!settings.isEmpty()) {
            h.raw("<table class=\"settings\">\n");
            for (Map.Entry<String, String> e : settings.entrySet()) {
                h.raw("<tr><th>").text(e.getKey()).raw("</th><td>").text(e.getValue()).raw("</td></tr>\n");
            }
            h.raw("</table>\n");
        }
        h.raw("</header>\n");

        List<ResultGrid> grids = grids();
        boolean curves = !results.isEmpty();
        boolean stats = results.stream().anyMatch(r -> r.codeStatistics() != null);
        h.raw("<nav><strong>Contents:</strong> <a href=\"#results\">Results</a>");
        if (curves) {
            h.raw(" · <a href=\"#curves\">Retrieval curves</a>");
        }
        if (stats) {
            h.raw(" · <a href=\"#codes\">Code statistics</a>");
        }
        if (!galleries.isEmpty()) {
            h.raw(" · <a href=\"#gallery\">Retrieval examples</a>");
        }
        if (!tables.isEmpty()) {
            h.raw(" · <a href=\"#tables\">More tables</a>");
        }
        if (!allNotes().isEmpty()) {
            h.raw(" · <a href=\"#notes\">Notes</a>");
        }
        h.raw("</nav>\n");

        h.raw("<section id=\"results\">\n<h2>Results</h2>\n");
        if (results.isEmpty()) {
            h.raw("<p>No results.</p>\n");
        }
        int tableNo = 0;
        for (ResultGrid g : grids) {
            tableNo++;
            h.raw("<figure class=\"table\">\n<figcaption><strong>Table ").raw(Integer.toString(tableNo)).raw(". ")
                    .text(g.title).raw(".</strong> ").text(g.caption)
                    .raw(g.better != 0 ? " Best per column in bold." : "").raw("</figcaption>\n<table class=\"results\">\n<thead><tr><th>Method</th>");
            for (int b = 0; b < g.bits.size(); b++) {
                h.raw("<th>").text(g.columnName(b)).raw("</th>");
            }
            h.raw("</tr></thead>\n<tbody>\n");
            for (int m = 0; m < g.methods.size(); m++) {
                h.raw("<tr><th>").text(g.methods.get(m)).raw("</th>");
                for (int b = 0; b < g.bits.size(); b++) {
                    h.raw(g.isBest(m, b) ? "<td class=\"best\">" : "<td>").text(g.cell(m, b)).raw("</td>");
                }
                h.raw("</tr>\n");
            }
            h.raw("</tbody>\n</table>\n</figure>\n");
        }
        h.raw("</section>\n");

        int figNo = 0;
        if (curves) {
            h.raw("<section id=\"curves\">\n<h2>Retrieval curves</h2>\n<div class=\"charts\">\n");
            List<String> methods = methods();
            boolean anyAll = results.stream().anyMatch(r -> ReportCharts.has(r, EvalOptions.ALL));
            if (bitLengths().size() > 1 && anyAll) {
                figNo = figure(h, figNo, () -> ReportCharts.mapVsBits(methods, results, EvalOptions.ALL, "mAP@all"),
                        "mAP@all against code length, one line per method.", chartProblems);
            }
            for (Map.Entry<Integer, List<MethodResult>> e : ReportCharts.byBits(results).entrySet()) {
                int bits = e.getKey();
                List<MethodResult> rs = e.getValue();
                figNo = figure(h, figNo, () -> ReportCharts.precisionRecall(bits, rs), "Precision–recall curves at "
                        + bits + " bits, traced by the Hamming radius from 0 to " + bits
                        + " (precision of a query that finds nothing counts 0).", chartProblems);
                if (rs.stream().anyMatch(r -> r.metrics().precisionAtNLengths().length > 1)) {
                    figNo = figure(h, figNo, () -> ReportCharts.precisionAtN(bits, rs), "Precision of the top N ranked"
                            + " items at " + bits + " bits.", chartProblems);
                }
            }
            h.raw("</div>\n</section>\n");
        }
        if (stats) {
            h.raw("<section id=\"codes\">\n<h2>Code statistics</h2>\n<p>Statistics of the database codes: a good"
                    + " code uses every bit about half the time (balance near 0) and its bits carry different"
                    + " information (correlation near 0).</p>\n<div class=\"charts\">\n");
            for (Map.Entry<Integer, List<MethodResult>> e : ReportCharts.byBits(results).entrySet()) {
                int bits = e.getKey();
                List<MethodResult> rs = e.getValue();
                if (rs.stream().anyMatch(r -> r.codeStatistics() != null)) {
                    figNo = figure(h, figNo, () -> ReportCharts.bitBalance(bits, rs), "Balance of each bit at " + bits
                            + " bits: the mean of the bit as ±1 over the database codes.", chartProblems);
                }
            }
            h.raw("</div>\n<div class=\"charts heatmaps\">\n");
            for (MethodResult r : results) {
                if (r.codeStatistics() != null) {
                    figNo = figure(h, figNo, () -> ReportCharts.correlation(r), "Correlation between the bits of "
                            + r.method() + " at " + r.bits() + " bits (blue −1, white 0, red +1).", chartProblems);
                }
            }
            h.raw("</div>\n</section>\n");
        }
        if (!galleries.isEmpty()) {
            h.raw("<section id=\"gallery\">\n<h2>Retrieval examples</h2>\n<p>Each row: a query (left, grey frame) and"
                    + " its top-ranked database items by Hamming distance; <span class=\"ok-key\">green</span> frames"
                    + " are relevant, <span class=\"bad-key\">red</span> frames are not.</p>\n");
            for (RetrievalGallery g : galleries) {
                figNo++;
                gallery(h, g, figNo);
            }
            h.raw("</section>\n");
        }
        if (!tables.isEmpty()) {
            h.raw("<section id=\"tables\">\n<h2>More tables</h2>\n");
            for (ReportTable t : tables) {
                tableNo++;
                h.raw("<figure class=\"table\">\n<figcaption><strong>Table ").raw(Integer.toString(tableNo)).raw(". ")
                        .text(t.title()).raw(".</strong> ").text(t.caption() == null ? "" : t.caption())
                        .raw("</figcaption>\n<table class=\"results\">\n<thead><tr>");
                for (String c : t.header()) {
                    h.raw("<th>").text(c).raw("</th>");
                }
                h.raw("</tr></thead>\n<tbody>\n");
                for (List<String> row : t.rows()) {
                    h.raw("<tr>");
                    for (int i = 0; i < row.size(); i++) {
                        h.raw(i == 0 ? "<th>" : "<td>").text(row.get(i)).raw(i == 0 ? "</th>" : "</td>");
                    }
                    h.raw("</tr>\n");
                }
                h.raw("</tbody>\n</table>\n</figure>\n");
            }
            h.raw("</section>\n");
        }
        List<String> allNotes = allNotes();
        allNotes.addAll(chartProblems);
        if (!allNotes.isEmpty()) {
            h.raw("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            for (String n : allNotes) {
                h.raw("<li>").text(n).raw("</li>\n");
            }
            h.raw("</ul>\n</section>\n");
        }
        h.raw("<footer>Written by hashing4j on ")
                .text(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .raw(". Metrics: Hamming ranking, ties broken by database index; every number is also in"
                        + " metrics.json.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Draws one chart as an embedded PNG figure. A chart that cannot be drawn (e.g. a JVM without
     * fonts) is left out with a note instead of failing the whole report.
     */
    private static int figure(Html h, int figNo, Supplier<Chart<?, ?>> chart, String caption, List<String> problems) {
        byte[] png;
        try {
            png = ReportCharts.png(chart.get());
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            problems.add("A chart could not be drawn (" + caption + "): " + e);
            return figNo;
        }
        int n = figNo + 1;
        h.raw("<figure class=\"chart\">\n");
        h.image(png, caption);
        h.raw("\n<figcaption><strong>Figure ").raw(Integer.toString(n)).raw(".</strong> ").text(caption)
                .raw("</figcaption>\n</figure>\n");
        return n;
    }

    private static void gallery(Html h, RetrievalGallery g, int figNo) {
        int[] shape = g.imageShape();
        h.raw("<figure class=\"gallery\">\n<table>\n");
        for (RetrievalGallery.Row row : g.rows()) {
            h.raw("<tr><td class=\"query\">");
            thumbnail(h, row.query, shape, row.queryCaption);
            h.raw("</td>");
            for (int i = 0; i < row.results.size(); i++) {
                h.raw(row.relevant[i] ? "<td class=\"ok\">" : "<td class=\"bad\">");
                thumbnail(h, row.results.get(i), shape, row.resultCaptions.get(i)
                        + (row.relevant[i] ? "" : " ✗"));
                h.raw("</td>");
            }
            h.raw("</tr>\n");
        }
        double p = g.shownPrecision();
        h.raw("</table>\n<figcaption><strong>Figure ").raw(Integer.toString(figNo)).raw(".</strong> ").text(g.title())
                .text(Double.isNaN(p) ? "." : String.format(Locale.ROOT, ". %.0f%% of the results shown are relevant.",
                        100 * p))
                .raw("</figcaption>\n</figure>\n");
    }

    private static void thumbnail(Html h, float[] pixels, int[] shape, String caption) {
        h.image(Thumbnails.png(pixels, shape), caption);
        h.raw("<div class=\"cap\">").text(caption).raw("</div>");
    }

    // ---------------------------------------------------------------- files

    /**
     * Writes {@code report.html}, {@code results.md} and {@code metrics.json} into {@code dir}
     * (created if needed), each atomically (temporary file + rename).
     */
    public void write(Path dir) {
        String json;
        try {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report: " + e.getMessage(), e);
        }
        String md = toMarkdown();
        String html = toHtml();
        AtomicFiles.writeString(dir.resolve("metrics.json"), json);
        AtomicFiles.writeString(dir.resolve("results.md"), md);
        AtomicFiles.writeString(dir.resolve("report.html"), html);
    }

    /** Helper for {@link Html}: base64 of PNG bytes. */
    static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }
}
