package org.hashing4j.serve;

import java.nio.file.Path;
import org.hashing4j.core.HashFunction;

/**
 * What the server serves and its limits.
 *
 * @param index           the index file ({@code hashing index build})
 * @param model           the model that encodes uploaded images, or null (no image search)
 * @param imagesRoot      folder that relative item paths are resolved against, or null (the index file's folder)
 * @param host            address to listen on ({@code 127.0.0.1} keeps it local)
 * @param port            port, 0 for any free port
 * @param maxK            largest {@code k} (and largest result list of a radius search) a request may ask for
 * @param maxQueries      most query codes in one request
 * @param maxUploadBytes  largest image upload
 * @param searchThreads   threads one search uses; requests already run concurrently, so 1 is the
 *                        best default for many clients
 * @param reloadMillis    how often the index file is checked for appends ({@code hashing index add}),
 *                        0 to never reload
 */
public record ServeOptions(Path index, HashFunction model, Path imagesRoot, String host, int port, int maxK, int maxQueries,
        long maxUploadBytes, int searchThreads, long reloadMillis) {

    /** Defaults: local only, port 8080, k up to 1000, 1000 queries a request, 10 MiB uploads, reload every 2 s. */
    public static ServeOptions of(Path index) {
        return new ServeOptions(index, null, null, "127.0.0.1", 8080, 1000, 1000, 10L << 20, 1, 2000);
    }

    public ServeOptions withModel(HashFunction m) {
        return new ServeOptions(index, m, imagesRoot, host, port, maxK, maxQueries, maxUploadBytes, searchThreads, reloadMillis);
    }

    public ServeOptions withImagesRoot(Path root) {
        return new ServeOptions(index, model, root, host, port, maxK, maxQueries, maxUploadBytes, searchThreads, reloadMillis);
    }

    public ServeOptions withAddress(String h, int p) {
        return new ServeOptions(index, model, imagesRoot, h, p, maxK, maxQueries, maxUploadBytes, searchThreads, reloadMillis);
    }

    public ServeOptions withLimits(int k, int queries, long uploadBytes) {
        return new ServeOptions(index, model, imagesRoot, host, port, k, queries, uploadBytes, searchThreads, reloadMillis);
    }

    public ServeOptions withSearchThreads(int threads) {
        return new ServeOptions(index, model, imagesRoot, host, port, maxK, maxQueries, maxUploadBytes, threads, reloadMillis);
    }

    public ServeOptions withReloadMillis(long millis) {
        return new ServeOptions(index, model, imagesRoot, host, port, maxK, maxQueries, maxUploadBytes, searchThreads, millis);
    }
}
