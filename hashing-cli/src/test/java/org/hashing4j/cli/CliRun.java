package org.hashing4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One run of the {@code hashing} command inside the test JVM, with what it printed: the one test
 * harness of the CLI tests. Commands print two ways, through picocli's writers and straight to
 * {@code System.out} / {@code System.err} (progress lines, the backend banner), so both are captured
 * and the real streams are put back afterwards.
 *
 * @param code   the exit code
 * @param out    standard output: picocli's out writer and {@code System.out}, in one stream
 * @param err    what picocli's err writer printed: the one-line {@code error: ...} of a refused run,
 *               usage errors, and the stack trace under {@code --debug}
 * @param stderr what went to {@code System.err}: progress and log lines
 */
record CliRun(int code, String out, String err, String stderr) {

    /** Runs {@code hashing args...} and returns its exit code and output. */
    static CliRun run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream stderrBytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(out);
            System.setErr(new PrintStream(stderrBytes, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
            cl.setOut(outWriter);
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
            outWriter.flush();
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new CliRun(code, outBytes.toString(StandardCharsets.UTF_8), err.toString(),
                stderrBytes.toString(StandardCharsets.UTF_8));
    }

    /** Everything printed to standard error: the error writer's text, then {@code System.err}'s. */
    String allErr() {
        return err + stderr;
    }
}
