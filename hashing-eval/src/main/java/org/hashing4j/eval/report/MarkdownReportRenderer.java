package org.hashing4j.eval.report;

import java.util.List;
import java.util.Map;

/**
 * Renders a report as Markdown ({@code results.md}): title, description and settings, the main
 * tables in the papers' layout (one row per method, one column per bit length, best per column in
 * bold), the extra tables, then the notes. Charts and galleries are left to the HTML page.
 */
public final class MarkdownReportRenderer implements ReportRenderer {
    @Override
    public String fileName() {
        return "results.md";
    }

    @Override
    public String render(ExperimentReport report) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(report.title()).append("\n\n");
        if (!report.description().isEmpty()) {
            s.append(report.description()).append("\n\n");
        }
        for (Map.Entry<String, String> e : report.settings().entrySet()) {
            s.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
        }
        if (!report.settings().isEmpty()) {
            s.append('\n');
        }
        if (report.results().isEmpty()) {
            s.append("No results.\n");
        }
        for (ResultGrid g : report.grids()) {
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
                s.append("| ").append(cell(g.methods.get(m))).append(" |");
                for (int b = 0; b < g.bits.size(); b++) {
                    String c = g.cell(m, b);
                    s.append(' ').append(g.isBest(m, b) ? "**" + c + "**" : c).append(" |");
                }
                s.append('\n');
            }
            s.append("\n*").append(g.caption).append(g.better != 0 ? " Best per column in bold." : "")
                    .append("*\n\n");
        }
        for (ReportTable t : report.tables()) {
            s.append("## ").append(t.title()).append("\n\n|");
            for (String h : t.header()) {
                s.append(' ').append(cell(h)).append(" |");
            }
            s.append("\n|");
            for (int i = 0; i < t.header().size(); i++) {
                s.append(i == 0 ? ":--|" : "--:|");
            }
            s.append('\n');
            for (List<String> row : t.rows()) {
                s.append('|');
                for (String c : row) {
                    s.append(' ').append(cell(c)).append(" |");
                }
                s.append('\n');
            }
            if (t.caption() != null) {
                s.append("\n*").append(t.caption()).append("*\n");
            }
            s.append('\n');
        }
        List<String> allNotes = report.allNotes();
        if (!allNotes.isEmpty()) {
            s.append("## Notes\n\n");
            for (String n : allNotes) {
                s.append("- ").append(n).append('\n');
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** A table cell: a pipe would end the cell and a line break the row. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
