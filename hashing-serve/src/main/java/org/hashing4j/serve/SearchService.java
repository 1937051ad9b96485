package org.hashing4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.core.index.SearchResult;
import org.hashing4j.datasets.image.DecodedImage;
import org.hashing4j.models.encode.ImageInputs;

/**
 * The server's search logic, apart from HTTP so that it can be tested and reused directly: parses
 * and checks queries, searches the index, encodes uploaded images with the model, and finds item
 * images. Every refusal is an {@link ApiException} with a 4xx status and a one-line message.
 *
 * <p><b>Concurrency.</b> Searches run concurrently (the index allows it). The index is held as an
 * immutable snapshot behind an atomic reference: when {@code hashing index add} or {@code remove}
 * changes the file (crash-safe appends that never touch committed bytes, see {@link IndexFile}),
 * a background check every {@link ServeOptions#reloadMillis()} opens the new state and swaps it in;
 * searches already running finish on the old snapshot. So appending while serving is supported, with
 * the new items visible within the reload interval. Model encoding is serialised, because a
 * network's inference state is not safe to share between threads.
 *
 * <p><b>Item images.</b> A client names an item only by id; the file read is the path the index
 * stores for it (relative paths resolved against the images root and kept inside it), so no request
 * can make the server read a path the client made up.
 */
public final class SearchService implements AutoCloseable {
    /** One hit: the item id, its Hamming distance to the query, and its stored path (or null). */
    public record Hit(long id, int distance, String path) {
    }

    /** An image to send: its bytes and content type. */
    public record Image(byte[] bytes, String contentType) {
    }

    private record Snapshot(IndexFile file, HammingIndex index, long fileSize, FileTime modified) {
    }

    private final ServeOptions options;
    private final Path root;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final Object modelLock = new Object();
    private final ScheduledExecutorService reloader;

    /**
     * Opens the index (verifying its checksums) and checks the model against it.
     *
     * @throws HashingException one line naming the file or the mismatch
     */
    public SearchService(ServeOptions options) {
        this.options = options;
        if (options.maxK() < 1 || options.maxQueries() < 1 || options.maxUploadBytes() < 1 || options.searchThreads() < 1) {
            throw new HashingException("server limits must be positive (max k, max queries, upload bytes, search threads)");
        }
        Path idx = options.index().toAbsolutePath();
        this.root = (options.imagesRoot() != null ? options.imagesRoot() : idx.getParent()).toAbsolutePath().normalize();
        current.set(open());
        HashFunction m = options.model();
        if (m != null && m.bits() != bits()) {
            throw new HashingException("the model makes " + m.bits() + "-bit codes but " + options.index() + " holds "
                    + bits() + "-bit codes");
        }
        if (m != null) {
            ImageInputs.spec(m); // refuses, at start, a model that cannot encode images
        }
        if (options.reloadMillis() > 0) {
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hashing-serve-reload");
                t.setDaemon(true);
                return t;
            });
            reloader.scheduleWithFixedDelay(this::reloadQuietly, options.reloadMillis(), options.reloadMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            reloader = null;
        }
    }

    private Snapshot open() {
        Path p = options.index();
        try {
            long size = Files.size(p);
            FileTime modified = Files.getLastModifiedTime(p);
            IndexFile f = IndexFile.open(p, true);
            HammingIndex index = f.index(f.kind(), options.searchThreads());
            return new Snapshot(f, index, size, modified);
        } catch (IOException e) {
            throw new HashingException(p + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Re-opens the index file if it changed since it was opened.
     *
     * @return whether a new state was swapped in
     */
    public boolean reload() {
        Snapshot s = current.get();
        try {
            if (Files.size(options.index()) == s.fileSize()
                    && Files.getLastModifiedTime(options.index()).equals(s.modified())) {
                return false;
            }
        } catch (IOException e) {
            return false; // e.g. being replaced right now; the next check sees it
        }
        Snapshot fresh = open();
        if (fresh.file().bits() != s.file().bits()) {
            throw new HashingException(options.index() + " now holds " + fresh.file().bits() + "-bit codes, not "
                    + s.file().bits() + "; restart the server to serve it");
        }
        current.set(fresh);
        return true;
    }

    private void reloadQuietly() {
        try {
            if (reload()) {
                System.err.println("hashing serve: reloaded " + options.index() + " (" + size() + " codes)");
            }
        } catch (RuntimeException e) {
            // Keep serving the last good state; the error is worth a line, not a dead server.
            System.err.println("hashing serve: kept the previous index: " + e.getMessage());
        }
    }

    /** Code length in bits. */
    public int bits() {
        return current.get().file().bits();
    }

    /** Items in the served index. */
    public int size() {
        return current.get().index().size();
    }

    /** What {@code GET /api/info} returns. */
    public Map<String, Object> info() {
        Snapshot s = current.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bits", s.file().bits());
        m.put("size", s.index().size());
        m.put("kind", s.index().kind().label());
        m.put("has_paths", s.file().hasPaths());
        m.put("image_search", options.model() != null);
        m.put("model", options.model() == null ? null : options.model().method());
        m.put("max_k", options.maxK());
        m.put("max_queries", options.maxQueries());
        m.put("max_upload_bytes", options.maxUploadBytes());
        return m;
    }

    /**
     * Answers a {@code POST /api/search} body: {@code codes} (hex of the packed bytes) or
     * {@code codes_pm1} (one ±1 per bit), and {@code k} or {@code radius} (default k = 10).
     */
    public List<List<Hit>> search(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object with \"codes\" or \"codes_pm1\", and \"k\" or \"radius\"");
        }
        for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("codes", "codes_pm1", "k", "radius").contains(f)) {
                throw ApiException.badRequest("unknown field \"" + f + "\" (expected codes or codes_pm1, and k or radius)");
            }
        }
        boolean hex = body.has("codes");
        if (hex == body.has("codes_pm1")) {
            throw ApiException.badRequest("give exactly one of \"codes\" (hex strings) and \"codes_pm1\" (lists of -1/+1)");
        }
        if (body.has("k") && body.has("radius")) {
            throw ApiException.badRequest("give \"k\" or \"radius\", not both");
        }
        BinaryCodes q = hex ? parseHex(body.get("codes")) : parsePm1(body.get("codes_pm1"));
        if (body.has("radius")) {
            return radius(q, intField(body, "radius"));
        }
        return nearest(q, body.has("k") ? intField(body, "k") : 10);
    }

    /** The k nearest items to each query. */
    public List<List<Hit>> nearest(BinaryCodes q, int k) {
        if (k < 1 || k > options.maxK()) {
            throw ApiException.badRequest("k must be between 1 and " + options.maxK() + ", got " + k);
        }
        checkQueries(q);
        Snapshot s = current.get();
        return hits(s, s.index().search(q, k));
    }

    /** Every item within {@code radius} of each query. */
    public List<List<Hit>> radius(BinaryCodes q, int radius) {
        Snapshot s = current.get();
        if (radius < 0 || radius > s.file().bits()) {
            throw ApiException.badRequest("radius must be between 0 and " + s.file().bits() + " (the code length), got " + radius);
        }
        checkQueries(q);
        SearchResult r = s.index().rangeSearch(q, radius);
        for (int i = 0; i < r.queryCount(); i++) {
            if (r.count(i) > options.maxK()) {
                throw ApiException.badRequest("radius " + radius + " matches " + r.count(i) + " items for query " + i
                        + ", more than the limit of " + options.maxK() + "; use a smaller radius or k");
            }
        }
        return hits(s, r);
    }

    private void checkQueries(BinaryCodes q) {
        if (q.bits() != bits()) {
            throw ApiException.badRequest("query codes have " + q.bits() + " bits but the index holds " + bits() + "-bit codes");
        }
        if (q.size() < 1 || q.size() > options.maxQueries()) {
            throw ApiException.badRequest("a request takes 1 to " + options.maxQueries() + " query codes, got " + q.size());
        }
    }

    private static List<List<Hit>> hits(Snapshot s, SearchResult r) {
        List<List<Hit>> out = new ArrayList<>(r.queryCount());
        for (int q = 0; q < r.queryCount(); q++) {
            List<Hit> l = new ArrayList<>(r.count(q));
            for (int j = 0; j < r.count(q); j++) {
                long id = r.id(q, j);
                l.add(new Hit(id, r.distance(q, j), s.file().hasPaths() ? s.file().itemPath(id) : null));
            }
            out.add(l);
        }
        return out;
    }

    private static int intField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.badRequest("\"" + name + "\" must be an integer, got " + v);
        }
        return v.asInt();
    }

    /** Hex strings of the packed bytes, most significant bit first (as {@code np.packbits(...).tobytes().hex()}). */
    BinaryCodes parseHex(JsonNode codes) {
        int bits = bits();
        int bytes = (bits + 7) / 8;
        List<JsonNode> list = list(codes, "codes");
        byte[] packed = new byte[list.size() * bytes];
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            if (!c.isTextual()) {
                throw ApiException.badRequest("codes[" + i + "] must be a hex string, got " + c);
            }
            String h = c.asText();
            if (h.length() != 2 * bytes) {
                throw ApiException.badRequest("codes[" + i + "] has " + h.length() + " hex digits; the index holds " + bits
                        + "-bit codes, which take " + 2 * bytes);
            }
            try {
                System.arraycopy(HexFormat.of().parseHex(h), 0, packed, i * bytes, bytes);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("codes[" + i + "] is not hexadecimal: \"" + h + "\"");
            }
        }
        try {
            return BinaryCodes.fromPackedBytes(packed, list.size(), bits);
        } catch (HashingException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Lists of −1/+1, one per bit. */
    BinaryCodes parsePm1(JsonNode codes) {
        int bits = bits();
        List<JsonNode> list = list(codes, "codes_pm1");
        int wpc = BinaryCodes.wordsFor(bits);
        long[] words = new long[list.size() * wpc];
        for (int i = 0; i < list.size(); i++) {
            JsonNode row = list.get(i);
            if (!row.isArray() || row.size() != bits) {
                throw ApiException.badRequest("codes_pm1[" + i + "] must be a list of " + bits + " values -1/+1 (the index's"
                        + " code length), got " + (row.isArray() ? row.size() + " values" : row.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            for (int j = 0; j < bits; j++) {
                JsonNode v = row.get(j);
                if (!v.isNumber() || (v.asDouble() != 1 && v.asDouble() != -1)) {
                    throw ApiException.badRequest("codes_pm1[" + i + "][" + j + "] is " + v + ", expected -1 or 1");
                }
                if (v.asDouble() == 1) {
                    words[i * wpc + (j >>> 6)] |= 1L << (63 - (j & 63));
                }
            }
        }
        return BinaryCodes.fromWords(list.size(), bits, words);
    }

    private List<JsonNode> list(JsonNode codes, String name) {
        if (codes == null || !codes.isArray()) {
            throw ApiException.badRequest("\"" + name + "\" must be a list of codes");
        }
        if (codes.size() < 1 || codes.size() > options.maxQueries()) {
            throw ApiException.badRequest("a request takes 1 to " + options.maxQueries() + " query codes, got " + codes.size());
        }
        List<JsonNode> l = new ArrayList<>(codes.size());
        codes.forEach(l::add);
        return l;
    }

    /**
     * Encodes an uploaded image with the model (preprocessed as its training images were, by
     * {@link ImageInputs}) and returns its k nearest items.
     */
    public List<Hit> searchImage(byte[] upload, String filename, int k) {
        HashFunction model = options.model();
        if (model == null) {
            throw new ApiException(409, "this server has no model, so it cannot search by image (start it with --model)");
        }
        if (upload == null || upload.length == 0) {
            throw ApiException.badRequest("the upload is empty (send the image as multipart field \"image\")");
        }
        if (upload.length > options.maxUploadBytes()) {
            throw tooLarge(upload.length);
        }
        if (k < 1 || k > options.maxK()) {
            throw ApiException.badRequest("k must be between 1 and " + options.maxK() + ", got " + k);
        }
        String what = filename == null || filename.isBlank() ? "the upload" : "the upload \"" + filename + "\"";
        DecodedImage decoded;
        try {
            // the decoder and preprocessing of `hashing encode`, so an upload of a collection's file gets
            // that file's code
            decoded = DecodedImage.decode(upload, what);
        } catch (HashingException e) {
            throw new ApiException(415, what + " is not an image this server reads (PNG, JPEG, BMP, TIFF, WebP or GIF)");
        }
        try (decoded) {
            float[] row = ImageInputs.row(model, decoded, what);
            BinaryCodes code;
            synchronized (modelLock) {
                code = model.encode(new float[][] {row});
            }
            return nearest(code, k).get(0);
        }
    }

    /** The upload limit in bytes. */
    public long maxUploadBytes() {
        return options.maxUploadBytes();
    }

    ApiException tooLarge(long bytes) {
        return new ApiException(413, "the upload has " + bytes + " bytes, more than the limit of " + options.maxUploadBytes());
    }

    /** An item's id, stored path and code (hex), for {@code GET /api/items/{id}}. */
    public Map<String, Object> item(long id) {
        Snapshot s = current.get();
        if (!s.index().contains(id)) {
            throw new ApiException(404, "no item with id " + id + " in the index");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("path", s.file().itemPath(id));
        m.put("code", HexFormat.of().formatHex(s.index().codes(id).toPackedBytes()));
        return m;
    }

    /** A page of items (id and path) in index order, for browsing. */
    public Map<String, Object> items(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > options.maxK()) {
            throw ApiException.badRequest("offset must be >= 0 and limit between 1 and " + options.maxK());
        }
        Snapshot s = current.get();
        long[] ids = s.index().ids();
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = offset; i < Math.min(ids.length, offset + limit); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", ids[i]);
            m.put("path", s.file().itemPath(ids[i]));
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", ids.length);
        out.put("offset", offset);
        out.put("items", list);
        return out;
    }

    /**
     * The image stored for an item: the file as it is, or a PNG thumbnail fitting {@code size} ×
     * {@code size} pixels when {@code size} is given.
     */
    public Image itemImage(long id, Integer size) {
        if (size != null && (size < 8 || size > 2048)) {
            throw ApiException.badRequest("size must be between 8 and 2048 pixels, got " + size);
        }
        Snapshot s = current.get();
        if (!s.index().contains(id)) {
            throw new ApiException(404, "no item with id " + id + " in the index");
        }
        String stored = s.file().itemPath(id);
        if (stored == null) {
            throw new ApiException(404, "item " + id + " has no stored image path");
        }
        Path p = Path.of(stored);
        Path file = p.isAbsolute() ? p.normalize() : root.resolve(p).normalize();
        if (!p.isAbsolute() && !file.startsWith(root)) {
            throw new ApiException(404, "the image path of item " + id + " leaves the images root; not served");
        }
        if (!Files.isRegularFile(file)) {
            throw new ApiException(404, "the image of item " + id + " is missing (" + stored + ")");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String type = contentType(file);
            if (size == null && type != null) {
                return new Image(bytes, type);
            }
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new ApiException(415, "the image of item " + id + " is not in a format this server reads");
            }
            return new Image(png(size == null ? img : fit(img, size)), "image/png");
        } catch (IOException e) {
            throw new ApiException(404, "cannot read the image of item " + id + " (" + e.getMessage() + ")");
        }
    }

    private static String contentType(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        if (n.endsWith(".bmp")) {
            return "image/bmp";
        }
        return null;
    }

    private static BufferedImage fit(BufferedImage img, int size) {
        double scale = Math.min((double) size / img.getWidth(), (double) size / img.getHeight());
        int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        // Small dataset images (28×28, 32×32) are enlarged: keep their pixels sharp.
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, scale > 1 ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Stops the reload checks. */
    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
