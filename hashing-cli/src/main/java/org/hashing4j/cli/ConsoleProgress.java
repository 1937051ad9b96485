package org.hashing4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.models.TrainingListener;

/**
 * Draws training progress on the terminal: one bar per phase (an epoch, an alternation), redrawn in
 * place with the latest metrics, and a summary line when the phase ends. Without a terminal (CI
 * logs, pipes) it prints only the summary lines, so logs stay readable.
 */
public final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final String prefix;
    private String phase = "";
    private long total;
    private long startNanos;
    private long lastDraw;

    public ConsoleProgress(PrintStream out, boolean interactive, String prefix) {
        this.out = out;
        this.interactive = interactive;
        this.prefix = prefix;
    }

    /** Progress to stderr, redrawn in place when stderr is a terminal. */
    public static ConsoleProgress toStderr(String prefix) {
        return new ConsoleProgress(System.err, System.console() != null, prefix);
    }

    @Override
    public void phaseStarted(String name, long steps) {
        phase = name;
        total = steps;
        startNanos = System.nanoTime();
        lastDraw = 0;
    }

    @Override
    public void progress(long done, Map<String, Double> metrics) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done < total) {
            return; // at most ten redraws a second
        }
        lastDraw = now;
        StringBuilder sb = new StringBuilder("\r").append(prefix).append(' ').append(phase).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(done).append('/').append(total);
        } else {
            sb.append(done);
        }
        sb.append(format(metrics));
        sb.append(String.format(Locale.ROOT, " %.0fs", (now - startNanos) / 1e9));
        out.print(sb);
        out.flush();
    }

    @Override
    public void phaseFinished(Map<String, Double> metrics) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        out.print((interactive ? "\r\033[K" : "") + prefix + " " + phase + " done in "
                + String.format(Locale.ROOT, "%.1fs", secs) + format(metrics) + System.lineSeparator());
        out.flush();
    }

    @Override
    public void message(String text) {
        out.print((interactive ? "\r\033[K" : "") + prefix + " " + text + System.lineSeparator());
        out.flush();
    }

    private static String format(Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            double v = e.getValue();
            String num = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                    : String.format(Locale.ROOT, "%.4g", v);
            sb.append(' ').append(e.getKey()).append('=').append(num);
        }
        return sb.toString();
    }
}
