package org.hashing4j.eval.report;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.AtomicFiles;

/**
 * Writes a report's three files into a folder: {@code metrics.json}, {@code results.md} and
 * {@code report.html}. Every file is rendered before the first is written, so that a renderer
 * failing leaves no mix of new and old files; each write is atomic (temporary file + rename).
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** The renderers of a run folder's report, in the order their files are written. */
    public static List<ReportRenderer> renderers() {
        return List.of(new JsonReportRenderer(), new MarkdownReportRenderer(), new HtmlReportRenderer());
    }

    /** Renders {@code report} with {@link #renderers()} and writes the files into {@code dir} (created if needed). */
    public static void write(ExperimentReport report, Path dir) {
        List<ReportRenderer> renderers = renderers();
        String[] texts = new String[renderers.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = renderers.get(i).render(report);
        }
        for (int i = 0; i < texts.length; i++) {
            AtomicFiles.writeString(dir.resolve(renderers.get(i).fileName()), texts[i]);
        }
    }
}
