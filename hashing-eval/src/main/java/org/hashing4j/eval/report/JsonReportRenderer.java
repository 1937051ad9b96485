package org.hashing4j.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders every number of a report as indented JSON ({@code metrics.json}), for scripts: title,
 * description, settings, methods and bit lengths, each result with its full metrics and code
 * statistics, the extra tables as formatted cells, the galleries' summaries and the notes.
 * Unknown numbers (NaN) are written as {@code null}.
 */
public final class JsonReportRenderer implements ReportRenderer {
    @Override
    public String fileName() {
        return "metrics.json";
    }

    @Override
    public String render(ExperimentReport report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap(report))
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report: " + e.getMessage(), e);
        }
    }

    /** The report as nested maps and lists, in the layout of {@code metrics.json}. */
    public static Map<String, Object> toMap(ExperimentReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", report.title());
        m.put("description", report.description());
        m.put("settings", new LinkedHashMap<>(report.settings()));
        m.put("methods", report.methods());
        m.put("bits", report.bitLengths());
        List<Object> rs = new ArrayList<>();
        for (MethodResult r : report.results()) {
            rs.add(r.toMap());
        }
        m.put("results", rs);
        List<Object> ts = new ArrayList<>();
        for (ReportTable t : report.tables()) {
            ts.add(table(t));
        }
        m.put("tables", ts);
        List<Object> gs = new ArrayList<>();
        for (RetrievalGallery g : report.galleries()) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("title", g.title());
            gm.put("queries", g.size());
            gm.put("shown_precision", MethodResult.finiteOrNull(g.shownPrecision()));
            gs.add(gm);
        }
        m.put("galleries", gs);
        m.put("notes", report.allNotes());
        return m;
    }

    private static Map<String, Object> table(ReportTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", t.title());
        m.put("caption", t.caption());
        m.put("header", t.header());
        m.put("rows", t.rows());
        return m;
    }
}
