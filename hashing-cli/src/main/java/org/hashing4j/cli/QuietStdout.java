package org.hashing4j.cli;

import java.io.PrintStream;

/**
 * Standard output without the debugging lines that SameDiff 1.0.0-M2.1 prints straight to
 * {@code System.out} ("Added differentiated op ...", one per op, every time a graph's gradient
 * function is built) — dozens of lines per BDNN training that say nothing to a user. Everything
 * else passes through unchanged.
 */
final class QuietStdout extends PrintStream {
    private static final String NOISE = "Added differentiated op ";

    QuietStdout(PrintStream out) {
        super(out, true);
    }

    /** Replaces {@code System.out} once (idempotent). */
    static synchronized void install() {
        if (!(System.out instanceof QuietStdout)) {
            System.setOut(new QuietStdout(System.out));
        }
    }

    @Override
    public void println(String line) {
        if (line != null && line.startsWith(NOISE)) {
            return;
        }
        super.println(line);
    }
}
