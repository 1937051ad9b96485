package org.hashing4j.datasets.locate;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the dataset locator reads from the outside world: environment variables, the user's home
 * folder and the system-wide dataset folder ({@code /usr/share/datasets}, where Debian's
 * {@code dataset-*} packages install). Tests pass their own values so that the search order can be
 * checked with temporary folders only.
 */
public final class DataEnvironment {
    /** Root folder that may hold one subfolder per dataset; searched after an explicit folder. */
    public static final String DATA_VARIABLE = "HASHING_DATA";
    /** Set to 1/true/yes to forbid downloads (e.g. on CI or an offline machine). */
    public static final String NO_DOWNLOAD_VARIABLE = "HASHING_NO_DOWNLOAD";

    private final Function<String, String> variables;
    private final Path home;
    private final Path systemDatasets;

    private DataEnvironment(Function<String, String> variables, Path home, Path systemDatasets) {
        this.variables = variables;
        this.home = home;
        this.systemDatasets = systemDatasets;
    }

    /** The real environment: {@code System.getenv}, {@code user.home}, {@code /usr/share/datasets}. */
    public static DataEnvironment system() {
        return new DataEnvironment(System::getenv, Path.of(System.getProperty("user.home")),
                Path.of("/usr/share/datasets"));
    }

    /** A made-up environment (tests): the given variables only, this home and system dataset folder. */
    public static DataEnvironment of(Map<String, String> variables, Path home, Path systemDatasets) {
        Map<String, String> copy = Map.copyOf(variables);
        return new DataEnvironment(copy::get, home, systemDatasets);
    }

    /** An environment variable, or null when unset or blank. */
    public String variable(String name) {
        String v = variables.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public Path home() {
        return home;
    }

    /** Where Debian's {@code dataset-*} packages put their files ({@code /usr/share/datasets}). */
    public Path systemDatasets() {
        return systemDatasets;
    }

    /** {@code $HASHING_DATA} as a path, or null. */
    public Path dataRoot() {
        String v = variable(DATA_VARIABLE);
        return v == null ? null : Path.of(v);
    }

    /** The per-user cache, {@code ~/.hashing4j/data}; downloads go to one subfolder per dataset. */
    public Path cacheRoot() {
        return home.resolve(".hashing4j").resolve("data");
    }

    /** False when {@code $HASHING_NO_DOWNLOAD} is set to 1, true or yes. */
    public boolean downloadsAllowed() {
        String v = variable(NO_DOWNLOAD_VARIABLE);
        return v == null || !(v.equals("1") || v.toLowerCase(Locale.ROOT).equals("true")
                || v.toLowerCase(Locale.ROOT).equals("yes"));
    }
}
