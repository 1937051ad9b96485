package org.hashing4j.models.nets.zoo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Adler32;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.TrainingListener;

/**
 * The pretrained weights file of a DL4J zoo model: where the zoo caches it
 * ({@code <DL4J resources dir>/models/<model>/<file name of the URL>}, by default under
 * {@code ~/.deeplearning4j}), the URL it downloads it from and the Adler32 checksum it checks. All
 * three are read from the zoo model itself, so they match what {@code ZooModel.initPretrained} does.
 *
 * <p>{@link #load} downloads a missing file first with time-outs (the zoo's own download has none
 * and can hang on a dead network), into a temporary file that is renamed into place only when
 * complete, then lets the zoo verify and restore it. Any failure becomes one line that tells the user
 * which file to place where, where it comes from and its checksum.
 */
public final class PretrainedWeights {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    private final ZooModel<?> model;
    private final PretrainedType type;
    private final String displayName;

    PretrainedWeights(ZooModel<?> model, PretrainedType type, String displayName) {
        this.model = model;
        this.type = type;
        this.displayName = displayName;
    }

    /** The download URL, as the zoo computes it (DL4J's base URL + the model's path). */
    public String url() {
        String url = model.pretrainedUrl(type);
        if (url == null) {
            throw new HashingException(displayName + " has no pretrained " + type + " weights in the DL4J zoo");
        }
        return url;
    }

    /** Where the zoo keeps the file. */
    public Path cacheFile() {
        File dir = new File(new File(DL4JResources.getBaseDirectory(), ResourceType.ZOO_MODEL.resourceName()),
                model.modelName());
        return new File(dir, new File(url()).getName()).toPath();
    }

    /** The Adler32 checksum the zoo expects (0 = not checked). */
    public long checksum() {
        return model.pretrainedChecksum(type);
    }

    /** Whether the file is already in the cache (not whether it is intact). */
    public boolean cached() {
        return Files.isRegularFile(cacheFile());
    }

    /** Adler32 of a file, as the zoo computes it. */
    static long adler32(Path file) throws IOException {
        Adler32 adler = new Adler32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                adler.update(buf, 0, n);
            }
        }
        return adler.getValue();
    }

    /** Downloads the weights if they are not cached, then restores the network through the zoo. */
    public <M extends Model> M load(TrainingListener listener) {
        Path file = cacheFile();
        if (!Files.isRegularFile(file)) {
            download(file, listener);
        }
        try {
            long actual = adler32(file);
            if (checksum() != 0 && actual != checksum()) {
                // The zoo would delete the file and fail with a generic message; say what to do instead.
                Files.deleteIfExists(file);
                throw new HashingException("pretrained " + displayName + " weights at " + file
                        + " failed the Adler32 check (got " + actual + ", expected " + checksum()
                        + ") and were deleted; download " + url() + " again and place it there");
            }
            return model.initPretrained(type);
        } catch (IOException | RuntimeException e) {
            if (e instanceof HashingException) {
                throw (HashingException) e;
            }
            throw new HashingException("cannot load pretrained " + displayName + " weights from " + file + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private void download(Path file, TrainingListener listener) {
        String url = url();
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
            listener.message("downloading pretrained " + displayName + " weights from " + url + " to " + file);
            URLConnection c = new URL(url).openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            long total = c.getContentLengthLong();
            listener.phaseStarted("download " + displayName + " weights", Math.max(total, 0));
            try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long done = 0;
                long lastReport = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    done += n;
                    if (done - lastReport > (8 << 20)) {
                        listener.progress(done, java.util.Map.of());
                        lastReport = done;
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            listener.phaseFinished(java.util.Map.of());
        } catch (IOException e) {
            throw new HashingException(missingMessage(file, url, e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the download error is the one to report
                }
            }
        }
    }

    private String missingMessage(Path file, String url, IOException cause) {
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return "pretrained " + displayName + " weights are not available offline (download of " + url + " failed: "
                + reason.replace('\n', ' ') + "); place that file at " + file + " (Adler32 checksum " + checksum()
                + ") and run again";
    }
}
