package org.hashing4j.eval.report;

/** A small HTML writer: raw markup, escaped text, and embedded PNG images. */
final class Html {
    /** The report's style sheet: readable type, compact tables, charts in a grid. */
    static final String CSS = String.join("\n",
            "body { font-family: -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif;",
            "       color: #222; max-width: 1400px; margin: 0 auto; padding: 1.5em 2em; line-height: 1.45; }",
            "h1 { margin-bottom: 0.2em; }",
            "h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }",
            "p.lead { font-size: 1.1em; color: #444; }",
            "nav { background: #f5f7fa; border: 1px solid #e1e5ea; padding: 0.5em 0.9em; border-radius: 4px; }",
            "nav a { color: #0060a8; text-decoration: none; }",
            "table.settings { border-collapse: collapse; margin: 0.8em 0; }",
            "table.settings th { text-align: left; padding: 0.15em 1em 0.15em 0; color: #555; font-weight: 600; }",
            "table.settings td { padding: 0.15em 0; }",
            "figure { margin: 1.2em 0; }",
            "figure.table { display: inline-block; vertical-align: top; margin-right: 2em; }",
            "figcaption { font-size: 0.9em; color: #444; margin: 0.4em 0; max-width: 640px; }",
            "table.results { border-collapse: collapse; font-variant-numeric: tabular-nums; }",
            "table.results th, table.results td { padding: 0.3em 0.8em; border-bottom: 1px solid #e4e4e4; }",
            "table.results thead th { border-bottom: 2px solid #999; text-align: right; }",
            "table.results thead th:first-child, table.results tbody th { text-align: left; }",
            "table.results td { text-align: right; }",
            "table.results td.best { font-weight: bold; background: #eef6ee; }",
            ".charts { display: flex; flex-wrap: wrap; gap: 1em; }",
            ".charts figure.chart { margin: 0; }",
            ".charts img { border: 1px solid #e4e4e4; }",
            "figure.gallery table { border-collapse: separate; border-spacing: 4px; }",
            "figure.gallery td { text-align: center; vertical-align: top; padding: 2px; border: 3px solid transparent; }",
            "figure.gallery td.query { border-color: #888; }",
            "figure.gallery td.ok { border-color: #2e9d4a; }",
            "figure.gallery td.bad { border-color: #d7301f; }",
            "figure.gallery img { image-rendering: pixelated; display: block; margin: 0 auto; }",
            "figure.gallery .cap { font-size: 0.7em; color: #555; max-width: 8em; }",
            ".ok-key { color: #2e9d4a; font-weight: bold; } .bad-key { color: #d7301f; font-weight: bold; }",
            "footer { margin-top: 3em; font-size: 0.8em; color: #777; border-top: 1px solid #ddd; padding-top: 0.5em; }",
            "");

    private final StringBuilder s = new StringBuilder(1 << 16);

    Html raw(String markup) {
        s.append(markup);
        return this;
    }

    Html text(String text) {
        s.append(escape(text));
        return this;
    }

    /** An {@code <img>} with the PNG embedded as a data URI, so the page needs no other file. */
    Html image(byte[] png, String alt) {
        s.append("<img src=\"data:image/png;base64,").append(java.util.Base64.getEncoder().encodeToString(png)).append("\" alt=\"")
                .append(escape(alt)).append("\">");
        return this;
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return s.toString();
    }
}
