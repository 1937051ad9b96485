package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.TrainingListener;

/**
 * Runs a training main class in a separate JVM (the test's own classpath) and kills it with SIGKILL
 * ({@code destroyForcibly}) as soon as its checkpoint folder holds a checkpoint with at least
 * {@code steps} steps done: a real crash in the middle of training, not a polite stop.
 */
public final class KilledRun {
    private KilledRun() {
    }

    /**
     * Starts {@code main} with {@code args}, waits (at most {@code timeoutSeconds}) until
     * {@code checkpointDir} holds a checkpoint with {@code steps} or more steps done, kills the JVM
     * and returns the steps the surviving checkpoint records. Fails if the child exits on its own
     * first (with its output in the message).
     */
    public static int killAfter(Class<?> main, List<String> args, Path checkpointDir, int steps, Path log,
            int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        // The same system properties and module opens as this JVM (surefire's argLine), so that the
        // child computes exactly as the test does.
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-D") || a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    fail("training JVM exited (" + p.exitValue() + ") before it could be killed:\n" + tail(log));
                }
                Integer done = stepsDone(checkpointDir);
                if (done != null && done >= steps) {
                    p.toHandle().destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
                    p.waitFor(30, TimeUnit.SECONDS);
                    assertFalse(p.isAlive(), "training JVM survived SIGKILL");
                    return Checkpoint.read(checkpointDir).stepsDone();
                }
                Thread.sleep(10);
            }
            fail("no checkpoint with " + steps + " steps in " + checkpointDir + " after " + timeoutSeconds + " s:\n" + tail(log));
            return -1;
        } finally {
            if (p.isAlive()) {
                p.toHandle().destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Integer stepsDone(Path dir) {
        try {
            Checkpoint cp = Checkpoint.read(dir);
            return cp == null ? null : cp.stepsDone();
        } catch (HashingException e) {
            // Never expected (the file is replaced by a rename), but a reader racing a writer on an
            // odd file system should retry rather than fail; the final read after the kill decides.
            return null;
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** A listener that sleeps at every progress report, so that a small run lasts long enough to be killed mid-way. */
    public static TrainingListener slow(long millisPerStep) {
        return new TrainingListener() {
            @Override
            public void progress(long done, java.util.Map<String, Double> metrics) {
                try {
                    Thread.sleep(millisPerStep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
