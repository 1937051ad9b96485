package org.hashing4j.datasets.locate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.hashing4j.core.HashingException;

/**
 * Downloads files with checksum verification. The bytes are digested while they stream to a
 * temporary file next to the target; only a file whose checksum matches is renamed into place, so
 * an interrupted or tampered download never looks like a finished one. Mirrors are tried in order.
 * Works with any URL scheme the JDK opens ({@code https:}, {@code http:}, {@code file:}), which is
 * how the tests exercise it without a network.
 */
public class Downloader {
    private final Consumer<String> log;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    /**
     * @param log              receives one line per event (start, done, failure of a mirror)
     * @param connectTimeoutMs connection timeout per mirror
     * @param readTimeoutMs    timeout for a stalled transfer
     */
    public Downloader(Consumer<String> log, int connectTimeoutMs, int readTimeoutMs) {
        this.log = log;
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** Logs to standard error; 20 s to connect, 60 s for a stalled read. */
    public static Downloader standard() {
        return new Downloader(System.err::println, 20_000, 60_000);
    }

    /**
     * Downloads {@code file} from the first mirror that delivers it with a matching checksum and
     * stores it as {@code target} (atomically).
     *
     * @param baseUrls mirror folders; the file name is appended to each ({@code base + fileName})
     * @throws HashingException naming every mirror tried and why it failed
     */
    public void download(List<String> baseUrls, RemoteFile file, Path target) {
        List<String> failures = new ArrayList<>();
        for (String base : baseUrls) {
            String url = base.endsWith("/") ? base + file.fileName() : base + "/" + file.fileName();
            try {
                fetchVerified(URI.create(url), file, target);
                return;
            } catch (IOException | IllegalArgumentException e) {
                String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                log.accept("download of " + url + " failed (" + why + ")");
                failures.add(url + " (" + why + ")");
            } catch (HashingException e) {
                log.accept("download of " + url + " failed (" + e.getMessage() + ")");
                failures.add(url + " (" + e.getMessage() + ")");
            }
        }
        throw new HashingException("could not download " + file.fileName() + ": " + String.join("; ", failures));
    }

    private void fetchVerified(URI url, RemoteFile file, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            long started = System.nanoTime();
            log.accept("downloading " + url + (file.approximateBytes() > 0
                    ? String.format(Locale.ROOT, " (%.1f MB)", file.approximateBytes() / 1e6) : "") + " ...");
            Map<String, MessageDigest> digests = new LinkedHashMap<>();
            for (String alg : file.digests().keySet()) {
                digests.put(alg, newDigest(alg));
            }
            long bytes = 0;
            URLConnection conn = url.toURL().openConnection();
            conn.setConnectTimeout(connectTimeoutMs);
            conn.setReadTimeout(readTimeoutMs);
            if (conn instanceof HttpURLConnection http) {
                http.setInstanceFollowRedirects(true);
                int code = http.getResponseCode();
                if (code != HttpURLConnection.HTTP_OK) {
                    throw new IOException("HTTP " + code);
                }
            }
            try (InputStream in = new BufferedInputStream(conn.getInputStream(), 1 << 16);
                    OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) > 0) {
                    for (MessageDigest d : digests.values()) {
                        d.update(buf, 0, r);
                    }
                    out.write(buf, 0, r);
                    bytes += r;
                }
            }
            verify(file, tmp, digests);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            log.accept(String.format(Locale.ROOT, "  %s: %d bytes in %.1f s, checksum ok", target.getFileName(), bytes,
                    (System.nanoTime() - started) / 1e9));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void verify(RemoteFile file, Path tmp, Map<String, MessageDigest> digests) throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, MessageDigest> e : digests.entrySet()) {
            String got = HexFormat.of().formatHex(e.getValue().digest());
            String want = file.digests().get(e.getKey());
            if (!got.equals(want)) {
                mismatches.add(e.getKey() + " " + got + ", expected " + want);
            }
        }
        if (mismatches.isEmpty() && !digests.isEmpty()) {
            return;
        }
        if (file.contentSha256() != null) {
            String content = contentSha256(tmp);
            if (file.contentSha256().equals(content)) {
                return; // recompressed by the mirror, same data inside
            }
            mismatches.add("SHA-256 of the decompressed content " + content + ", expected " + file.contentSha256());
        }
        throw new HashingException("checksum mismatch for " + file.fileName() + ": " + String.join("; ", mismatches));
    }

    /** SHA-256 of a file's content, decompressing it first when it is gzip. */
    public static String contentSha256(Path file) throws IOException {
        MessageDigest sha = newDigest("SHA-256");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            try (DigestInputStream din = new DigestInputStream(in, sha)) {
                byte[] buf = new byte[1 << 16];
                while (din.read(buf) >= 0) {
                    // digesting
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Digest of a file's bytes as they are on disk. */
    public static String fileDigest(Path file, String algorithm) throws IOException {
        MessageDigest d = newDigest(algorithm);
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), d)) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest newDigest(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + alg, e);
        }
    }
}
