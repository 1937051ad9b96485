package org.hashing4j.models.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.AtomicFiles;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.TrainingContext;

/**
 * The training history every trainer writes after each epoch (or BDNN alternation) into the run's
 * history folder ({@link TrainingContext#historyDir()}): {@value #CSV} (one row per step, columns =
 * the union of the records' keys in first-seen order, empty where a step has no value) and
 * {@value #JSON} (the records as a list). Both are replaced atomically, so a killed run leaves the
 * last complete history, and a resumed run rewrites it whole from its checkpoint's history.
 */
public final class HistoryFiles {
    /** The CSV file's name. */
    public static final String CSV = "history.csv";
    /** The JSON file's name. */
    public static final String JSON = "history.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryFiles() {
    }

    /** Writes {@code records} to the context's history folder; does nothing when it has none. */
    public static void write(TrainingContext context, List<Map<String, Object>> records) {
        Path dir = context == null ? null : context.historyDir();
        if (dir != null) {
            write(dir, records);
        }
    }

    /** Writes {@code records} as {@code dir/history.csv} and {@code dir/history.json}. */
    public static void write(Path dir, List<Map<String, Object>> records) {
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> r : records) {
            columns.addAll(r.keySet());
        }
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> r : records) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(cell(r.get(c)));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(CSV), csv.toString());
            AtomicFiles.writeBytes(dir.resolve(JSON), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(records));
        } catch (IOException e) {
            throw new HashingException("cannot write training history in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code dir/history.json}; an empty list when there is none. */
    public static List<Map<String, Object>> read(Path dir) {
        Path f = dir.resolve(JSON);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            return MAPPER.readValue(f.toFile(), new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {
            });
        } catch (IOException e) {
            throw new HashingException(f + ": unreadable training history (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "";
        }
        String s = v.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
