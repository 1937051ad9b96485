package org.hashing4j.eval.report;

/**
 * Charts and thumbnails are drawn off-screen, and a server has no display: AWT must be headless
 * before it first starts, which is why both the report (loaded as soon as a run starts collecting
 * results, before galleries and charts) and the HTML renderer (usable on its own) ask for it as they load.
 */
final class Headless {
    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} unless the user chose a value. */
    static void request() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
