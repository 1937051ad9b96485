package org.hashing4j.cli;

import java.io.PrintWriter;
import org.hashing4j.core.HashingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hashing} command. Subcommands are thin: they parse options, call the modules and print
 * results. User errors ({@link HashingException}, bad options) print one line and exit non-zero;
 * {@code --debug} adds the stack trace.
 */
@Command(name = "hashing", mixinStandardHelpOptions = true, version = "hashing4j 0.1.0",
        description = "Learning to hash: train hash functions, encode images to binary codes, search and evaluate.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DatasetsCommand.class,
            MethodsCommand.class,
            TrainCommand.class,
            EncodeCommand.class,
            DemoCommand.class,
            EvaluateCommand.class,
            GenerateCodesCommand.class,
            BenchEvalCommand.class,
            IndexCommand.class,
            SearchCommand.class,
            FeaturesCommand.class,
            ServeCommand.class,
        })
public final class Main implements Runnable {
    static {
        // DL4J's Java-side layer helpers (oneDNN) are off by default in 1.0.0-M2.1; they make training faster.
        if (System.getProperty("org.eclipse.deeplearning4j.helpers.disable") == null) {
            System.setProperty("org.eclipse.deeplearning4j.helpers.disable", "false");
        }
    }

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Builds the command line with all subcommands and the one-line error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean dbg = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            PrintWriter err = commandLine.getErr();
            Throwable t = ex;
            while (!(t instanceof HashingException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof HashingException) {
                err.println("error: " + t.getMessage());
            } else {
                err.println("error: " + ex);
            }
            if (dbg) {
                ex.printStackTrace(err);
            }
            err.flush();
            return t instanceof HashingException ? 2 : 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        QuietStdout.install();
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
