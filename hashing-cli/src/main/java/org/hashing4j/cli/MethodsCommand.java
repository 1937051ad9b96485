package org.hashing4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodInfo;
import org.hashing4j.models.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hashing methods}: every registered method with whether it needs labels, its paper and its
 * parameters with their defaults, as each method describes itself ({@link HashingMethod#info()}).
 */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = {"Lists the registered hashing methods: name, supervised or unsupervised, the paper, and the"
                + " parameters (set them with -p name=value or under params: in an experiment file) with their"
                + " defaults."})
public final class MethodsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these methods (default: all).")
    java.util.List<String> names;

    @Option(names = "--brief", description = "One line per method, without the parameters.")
    boolean brief;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        // MethodRegistry.get refuses an unknown name with the list of known ones, before anything prints.
        java.util.List<HashingMethod> methods = (names == null || names.isEmpty() ? MethodRegistry.names() : names)
                .stream().map(MethodRegistry::get).toList();
        for (HashingMethod m : methods) {
            MethodInfo info = m.info();
            o.printf("%-10s %-12s %s%n", m.name(), m.supervised() ? "supervised" : "unsupervised",
                    info.paper().isEmpty() ? "(no paper given)" : info.paper());
            if (brief) {
                continue;
            }
            if (info.parameters().isEmpty()) {
                o.println("    (no parameters)");
            }
            int width = info.parameters().stream().mapToInt(p -> p.name().length() + p.defaultValue().length() + 3)
                    .max().orElse(0);
            for (MethodInfo.Parameter p : info.parameters()) {
                String nameDefault = p.name() + " = " + p.defaultValue();
                o.printf("    %-" + width + "s  %s%n", nameDefault, p.description());
            }
            o.println();
        }
        o.flush();
        return 0;
    }
}
