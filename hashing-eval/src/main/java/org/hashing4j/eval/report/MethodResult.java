package org.hashing4j.eval.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hashing4j.eval.CodeStatistics;
import org.hashing4j.eval.RetrievalMetrics;

/**
 * One cell block of an experiment: a method at one code length, with its retrieval metrics and,
 * where known, the statistics of its database codes, its training time and its encoding speed.
 * Unknown numbers are {@code NaN}; unknown statistics are {@code null}.
 */
public final class MethodResult {
    private final String method;
    private final int bits;
    private final RetrievalMetrics metrics;
    private final CodeStatistics codeStatistics;
    private final double trainingSeconds;
    private final double encodingImagesPerSecond;
    private final String notes;

    /**
     * @param method                  display name, e.g. "JMLH" (one table row per name)
     * @param bits                    code length (one table column per length)
     * @param metrics                 retrieval metrics (required)
     * @param codeStatistics          statistics of the database codes, or null
     * @param trainingSeconds         training wall time, or NaN
     * @param encodingImagesPerSecond encoding throughput, or NaN
     * @param notes                   free text, or null
     */
    public MethodResult(String method, int bits, RetrievalMetrics metrics, CodeStatistics codeStatistics,
            double trainingSeconds, double encodingImagesPerSecond, String notes) {
        this.method = Objects.requireNonNull(method, "method");
        this.bits = bits;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.codeStatistics = codeStatistics;
        this.trainingSeconds = trainingSeconds;
        this.encodingImagesPerSecond = encodingImagesPerSecond;
        this.notes = notes;
    }

    public String method() {
        return method;
    }

    public int bits() {
        return bits;
    }

    public RetrievalMetrics metrics() {
        return metrics;
    }

    /** Statistics of the database codes, or null. */
    public CodeStatistics codeStatistics() {
        return codeStatistics;
    }

    /** Training wall time in seconds, or NaN. */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** Encoding throughput in images per second, or NaN. */
    public double encodingImagesPerSecond() {
        return encodingImagesPerSecond;
    }

    /** Free-text notes, or null. */
    public String notes() {
        return notes;
    }

    /** JSON-ready map: method, bits, metrics, code_statistics (with correlation matrix), timings, notes. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("bits", bits);
        m.put("training_seconds", finiteOrNull(trainingSeconds));
        m.put("encoding_images_per_second", finiteOrNull(encodingImagesPerSecond));
        m.put("notes", notes);
        m.put("metrics", metrics.toMap());
        m.put("code_statistics", codeStatistics == null ? null : codeStatistics.toMap(true));
        return m;
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
