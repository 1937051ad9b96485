package org.hashing4j.eval.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.hashing4j.eval.EvalOptions;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders a report as one self-contained HTML page ({@code report.html}): the tables of the
 * Markdown report plus charts (mAP against bits, precision–recall and precision@N curves per bit
 * length, bit balance, bit-correlation heat maps) and retrieval galleries. Charts (XChart) and
 * thumbnails are embedded PNGs, so the page opens offline; the footer carries the time it was written.
 */
public final class HtmlReportRenderer implements ReportRenderer {
    static {
        Headless.request();
    }

    @Override
    public String fileName() {
        return "report.html";
    }

    @Override
    public String render(ExperimentReport report) {
        String title = report.title();
        String description = report.description();
        Map<String, String> settings = report.settings();
        List<MethodResult> results = report.results();
        List<RetrievalGallery> galleries = report.galleries();
        List<ReportTable> tables = report.tables();
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

        List<ResultGrid> grids = report.grids();
        boolean curves = !results.isEmpty();
        boolean stats = results.stream().anyMatch(r -> r.codeStatistics() != null);
        h.raw("<nav><strong>Contents:</strong> <a href=\"#results\">Results</a>");
        if (curves) {
            h.raw(" · <a href=\"#curves\">Retrieval curves</a>");
        }
        if (stats) {
            h.raw(" · <a href=\"#codes\">Code statistics</a>");
        }
        if (!report.trainingCurves().isEmpty()) {
            h.raw(" · <a href=\"#training\">Training</a>");
        }
        if (!galleries.isEmpty()) {
            h.raw(" · <a href=\"#gallery\">Retrieval examples</a>");
        }
        if (!tables.isEmpty()) {
            h.raw(" · <a href=\"#tables\">More tables</a>");
        }
        if (!report.allNotes().isEmpty()) {
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
            List<String> methods = report.methods();
            boolean anyAll = results.stream().anyMatch(r -> ReportCharts.has(r, EvalOptions.ALL));
            if (report.bitLengths().size() > 1 && anyAll) {
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
        if (!report.trainingCurves().isEmpty()) {
            h.raw("<section id=\"training\">\n<h2>Training</h2>\n<p>Each model's training history as its"
                    + " trainer wrote it to <code>history/&lt;model&gt;/history.csv</code>: the loss and its terms per"
                    + " epoch (or alternation), and the held-out validation mAP where one was measured.</p>\n"
                    + "<div class=\"charts\">\n");
            for (ExperimentReport.TrainingCurve t : report.trainingCurves()) {
                figNo = figure(h, figNo, () -> ReportCharts.trainingCurve(t), "Training of " + t.model()
                        + ": loss terms (left axis) and validation mAP (right axis) per step.", chartProblems);
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
        // Charts that could not be drawn are reported with the notes, but only the report's own notes
        // put "Notes" in the contents line above (drawing happens after it is written).
        List<String> allNotes = report.allNotes();
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
}
