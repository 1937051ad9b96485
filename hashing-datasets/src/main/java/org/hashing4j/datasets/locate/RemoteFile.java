package org.hashing4j.datasets.locate;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file that can be downloaded, with the checksums a download must match.
 *
 * @param fileName      the name at the mirror and on disk, e.g. {@code train-images-idx3-ubyte.gz}
 * @param digests       expected digests of the downloaded bytes by Java algorithm name
 *                      ({@code "SHA-256"}, {@code "MD5"}), lower-case hex; may be empty when only
 *                      {@code contentSha256} is known
 * @param contentSha256 for gzip files: SHA-256 of the decompressed bytes, or null. Accepting the
 *                      content digest as well lets a mirror that recompressed the file (Debian did)
 *                      still pass, since what matters is the data inside.
 * @param approximateBytes size for progress messages, 0 when unknown
 */
public record RemoteFile(String fileName, Map<String, String> digests, String contentSha256, long approximateBytes) {
    public RemoteFile {
        Map<String, String> norm = new TreeMap<>();
        digests.forEach((k, v) -> norm.put(k.toUpperCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
        digests = Map.copyOf(norm);
        contentSha256 = contentSha256 == null ? null : contentSha256.toLowerCase(Locale.ROOT);
        if (digests.isEmpty() && contentSha256 == null) {
            throw new IllegalArgumentException(fileName + ": a remote file needs at least one checksum");
        }
    }

    /** A gzip file known by the SHA-256 of the file and of its decompressed content. */
    public static RemoteFile gzip(String fileName, String sha256, String contentSha256, long approximateBytes) {
        return new RemoteFile(fileName, sha256 == null ? Map.of() : Map.of("SHA-256", sha256), contentSha256,
                approximateBytes);
    }
}
