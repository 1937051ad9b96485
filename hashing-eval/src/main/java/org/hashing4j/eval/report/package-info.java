/**
 * Experiment reports: what a report holds, how its tables are laid out, and how it is rendered.
 *
 * <p>{@link org.hashing4j.eval.report.ExperimentReport} is the content as plain data (settings,
 * {@link org.hashing4j.eval.report.MethodResult} rows, {@link org.hashing4j.eval.report.ReportTable}
 * extra tables, {@link org.hashing4j.eval.report.RetrievalGallery} galleries, notes). The layout in
 * the papers' style is decided here too: the main tables ({@code ResultGrid}) and the ablation and
 * second-ground-truth tables ({@link org.hashing4j.eval.report.SideTables}), so that the experiment
 * runner only hands over results. Renderers stand apart from the content, one per file format behind
 * {@link org.hashing4j.eval.report.ReportRenderer} (Markdown, self-contained HTML with XChart charts,
 * JSON), and {@link org.hashing4j.eval.report.ReportFiles} writes the three files atomically.
 *
 * <p>Depends on {@code hashing-core}, the metrics of {@code org.hashing4j.eval}, Jackson and XChart,
 * never on models, datasets or experiments. Anything above eval may import it: the experiment
 * runner builds reports with it, the command line and servers may render them.
 */
package org.hashing4j.eval.report;
