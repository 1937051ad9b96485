package org.hashing4j.eval.report;

/**
 * Turns an {@link ExperimentReport} into the text of one file. Kept apart from the report, so that
 * the same content can be rendered in several formats and a new format needs no change to the
 * report or its producers.
 */
public interface ReportRenderer {
    /** The file this renderer's output is written to in a run folder, e.g. {@code results.md}. */
    String fileName();

    /** The report rendered as this format's text. */
    String render(ExperimentReport report);
}
