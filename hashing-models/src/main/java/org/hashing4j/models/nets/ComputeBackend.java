package org.hashing4j.models.nets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend, device and data type the arrays run on, for the command line to print and
 * for provenance. The same code runs on the CPU backend ({@code nd4j-native}) and the CUDA backend
 * ({@code nd4j-cuda-11.6}, Maven profile {@code cuda}); only this description differs.
 */
public final class ComputeBackend {
    private ComputeBackend() {
    }

    /** The backend's own environment report ({@code OpExecutioner.getEnvironmentInformation()}). */
    public static Properties environment() {
        return Nd4j.getExecutioner().getEnvironmentInformation();
    }

    /**
     * One line, e.g. "ND4J CPU backend (OPENBLAS, oneDNN, 2 threads), data type FLOAT" or
     * "ND4J CUDA backend, device 0 of 1: NVIDIA A100-SXM4-40GB (39.6 GiB), data type FLOAT".
     */
    public static String describe() {
        Properties env = environment();
        String backend = String.valueOf(env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
        StringBuilder sb = new StringBuilder("ND4J ").append(backend).append(" backend");
        if ("CUDA".equalsIgnoreCase(backend)) {
            int device = Nd4j.getAffinityManager().getDeviceForCurrentThread();
            int devices = Nd4j.getAffinityManager().getNumberOfDevices();
            sb.append(", device ").append(device).append(" of ").append(devices);
            Object info = env.get("cuda.devicesInformation");
            if (info instanceof List<?> list && device < list.size() && list.get(device) instanceof Map<?, ?> d) {
                sb.append(": ").append(d.get("cuda.deviceName"));
                Object total = d.get("cuda.totalMemory");
                if (total instanceof Number n) {
                    sb.append(String.format(java.util.Locale.ROOT, " (%.1f GiB)", n.doubleValue() / (1L << 30)));
                }
            }
        } else {
            String build = Nd4j.getBackend().buildInfo();
            sb.append(" (").append(env.getOrDefault("blas.vendor", "?"));
            if (build != null && build.contains("HAVE_ONEDNN")) {
                sb.append(", oneDNN");
            }
            sb.append(", ").append(env.getOrDefault("omp.threads", "?")).append(" threads)");
        }
        sb.append(", data type ").append(Nd4j.dataType());
        return sb.toString();
    }

    /** The description as plain data for provenance. */
    public static Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", describe());
        m.put("backend", String.valueOf(environment().get("backend")));
        m.put("data_type", Nd4j.dataType().toString());
        return m;
    }
}
