package org.hashing4j.eval.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.RetrievalMetrics;

/**
 * The content of an experiment's report, as plain data: title, description, settings, the results
 * (methods × code lengths, each with its metrics and code statistics, from which the main tables and
 * the charts are drawn), retrieval galleries, extra tables (ablations, other ground truths) and notes.
 *
 * <p>It renders nothing itself: {@link MarkdownReportRenderer} ({@code results.md}),
 * {@link HtmlReportRenderer} ({@code report.html}) and {@link JsonReportRenderer}
 * ({@code metrics.json}) turn it into files, and {@link ReportFiles} writes all three.
 * {@link #toMarkdown()}, {@link #toHtml()}, {@link #toMap()} and {@link #write(Path)} are shortcuts
 * to them.
 *
 * <p>Methods appear in the order they were first added; a result added again for the same method
 * and bit length replaces the earlier one. Not thread-safe.
 */
public final class ExperimentReport {
    static {
        Headless.request();
    }

    private final String title;
    private String description = "";
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<MethodResult> results = new ArrayList<>();
    private final List<RetrievalGallery> galleries = new ArrayList<>();
    private final List<ReportTable> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<TrainingCurve> trainingCurves = new ArrayList<>();

    /**
     * One model's training history, step by step (an epoch, or a BDNN alternation): plain records
     * as the trainers write them to {@code history.json} — {@code epoch} or {@code round}, {@code loss}
     * and the loss terms, {@code learning_rate}, {@code validation_map}, {@code images_per_s}.
     *
     * @param model   the label of the model in the report ("GreedyHash (32 bits)")
     * @param records the steps, in order
     */
    public record TrainingCurve(String model, List<Map<String, Object>> records) {
        public TrainingCurve {
            records = List.copyOf(records);
        }
    }

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

    /** Adds one model's training history (drawn as loss and validation-mAP curves). */
    public ExperimentReport addTrainingCurve(String model, List<Map<String, Object>> records) {
        trainingCurves.add(new TrainingCurve(model, records));
        return this;
    }

    /** The training histories, in the order added. */
    public List<TrainingCurve> trainingCurves() {
        return java.util.Collections.unmodifiableList(trainingCurves);
    }

    /** Adds a note (e.g. which ground truth was used), shown at the end. */
    public ExperimentReport addNote(String note) {
        notes.add(Objects.requireNonNull(note));
        return this;
    }

    public String title() {
        return title;
    }

    /** The paragraph under the title ("" if none). */
    public String description() {
        return description;
    }

    /** The settings list, in the order first set. */
    public Map<String, String> settings() {
        return Collections.unmodifiableMap(settings);
    }

    /** All results, in the order added. */
    public List<MethodResult> results() {
        return Collections.unmodifiableList(results);
    }

    /** The retrieval galleries, in the order added. */
    public List<RetrievalGallery> galleries() {
        return Collections.unmodifiableList(galleries);
    }

    /** The extra tables, in the order added. */
    public List<ReportTable> tables() {
        return Collections.unmodifiableList(tables);
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

    /** The report's notes followed by the per-result notes ("method, N bits: note"); a new list. */
    public List<String> allNotes() {
        List<String> out = new ArrayList<>(notes);
        for (MethodResult r : results) {
            if (r.notes() != null && !r.notes().isBlank()) {
                out.add(r.method() + ", " + r.bits() + " bits: " + r.notes());
            }
        }
        return out;
    }

    /** The main results tables in the papers' layout, in report order (empty tables left out). */
    List<ResultGrid> grids() {
        return ResultGrid.papersLayout(results, methods(), bitLengths());
    }

    // ---------------------------------------------------------------- shortcuts to the renderers

    /** The report as Markdown ({@code results.md}); see {@link MarkdownReportRenderer}. */
    public String toMarkdown() {
        return new MarkdownReportRenderer().render(this);
    }

    /** The report as one self-contained HTML page ({@code report.html}); see {@link HtmlReportRenderer}. */
    public String toHtml() {
        return new HtmlReportRenderer().render(this);
    }

    /** Every number of the report as nested maps and lists (the content of {@code metrics.json}). */
    public Map<String, Object> toMap() {
        return JsonReportRenderer.toMap(this);
    }

    /**
     * Writes {@code report.html}, {@code results.md} and {@code metrics.json} into {@code dir}
     * (created if needed), each atomically (temporary file + rename); see {@link ReportFiles}.
     */
    public void write(Path dir) {
        ReportFiles.write(this, dir);
    }
}
