package org.hashing4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.hashing4j.models.TrainingListener;

/**
 * Progress on the console for long-running steps: a line when a phase starts, at most one
 * progress line every few seconds (done/total and the phase's metrics), and a summary line.
 */
final class ConsoleProgress implements TrainingListener {
    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private final PrintStream out;
    private String phase = "";
    private long total;
    private long lastPrint;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phaseStarted(String name, long totalSteps) {
        phase = name;
        total = totalSteps;
        lastPrint = System.nanoTime();
        out.println(name + (totalSteps > 0 ? " (" + totalSteps + ")" : "") + " ...");
    }

    @Override
    public void progress(long done, Map<String, Double> metrics) {
        long now = System.nanoTime();
        if (now - lastPrint >= INTERVAL_NANOS) {
            lastPrint = now;
            out.println("  " + phase + ": " + done + (total > 0 ? "/" + total : "") + format(metrics));
        }
    }

    @Override
    public void phaseFinished(Map<String, Double> metrics) {
        out.println("  " + phase + " done" + format(metrics));
    }

    @Override
    public void message(String text) {
        out.println(text);
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            double v = e.getValue();
            String s = v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v)
                    : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
            sb.append(", ").append(e.getKey().replace('_', ' ')).append(' ').append(s);
        });
        return sb.toString();
    }
}
