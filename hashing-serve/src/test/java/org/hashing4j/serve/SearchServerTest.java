package org.hashing4j.serve;

import static org.hashing4j.serve.ServeFixture.get;
import static org.hashing4j.serve.ServeFixture.post;
import static org.hashing4j.serve.ServeFixture.upload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.core.index.IndexKind;
import org.hashing4j.core.index.SearchResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API against a served index of 200 images: answers equal the index's, refusals are 4xx JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private SearchServer server;
    private String base;
    private BinaryCodes codes;
    private List<String> paths;
    private HammingIndex reference;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        paths = ServeFixture.writeImages(dir, 200, 1);
        codes = ServeFixture.buildIndex(dir, paths, dir.resolve("db.idx"), IndexKind.MULTI_INDEX);
        reference = HammingIndex.create(IndexKind.EXHAUSTIVE, codes.bits(), 1);
        reference.add(codes);
        server = SearchServer.start(ServeOptions.of(dir.resolve("db.idx")).withModel(new ServeFixture.PixelHash())
                .withAddress("127.0.0.1", 0).withLimits(50, 100, 4096).withReloadMillis(100));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return JSON.readTree(r.body());
    }

    private void assertError(HttpResponse<String> r, int status, String... words) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        String e = json(r).get("error").asText();
        assertEquals(1, e.lines().count(), e);
        for (String w : words) {
            assertTrue(e.contains(w), e);
        }
    }

    private void assertSameAsIndex(JsonNode hits, SearchResult r, int q) {
        assertEquals(r.count(q), hits.size());
        for (int j = 0; j < hits.size(); j++) {
            assertEquals(r.id(q, j), hits.get(j).get("id").asLong());
            assertEquals(r.distance(q, j), hits.get(j).get("distance").asInt());
            assertEquals(paths.get((int) r.id(q, j)), hits.get(j).get("path").asText());
        }
    }

    private static String hex(BinaryCodes c, int i) {
        return HexFormat.of().formatHex(c.select(new int[] {i}).toPackedBytes());
    }

    @Test
    void healthAndInfo() throws Exception {
        assertEquals("{\"status\":\"ok\"}", get(http, base + "/api/health").body());
        JsonNode info = json(get(http, base + "/api/info"));
        assertEquals(16, info.get("bits").asInt());
        assertEquals(200, info.get("size").asInt());
        assertEquals("mih", info.get("kind").asText());
        assertTrue(info.get("image_search").asBoolean());
    }

    @Test
    void searchAnswersExactlyWhatTheIndexAnswers() throws Exception {
        BinaryCodes q = codes.select(new int[] {3, 77, 150});
        JsonNode r = json(post(http, base + "/api/search",
                "{\"codes\":[\"" + hex(codes, 3) + "\",\"" + hex(codes, 77) + "\",\"" + hex(codes, 150) + "\"],\"k\":20}"));
        SearchResult expected = reference.search(q, 20);
        assertEquals(3, r.get("results").size());
        for (int i = 0; i < 3; i++) {
            assertSameAsIndex(r.get("results").get(i), expected, i);
        }
        JsonNode radius = json(post(http, base + "/api/search", "{\"codes\":[\"" + hex(codes, 3) + "\"],\"radius\":3}"));
        assertSameAsIndex(radius.get("results").get(0), reference.rangeSearch(q, 3), 0);

        StringBuilder pm1 = new StringBuilder("{\"k\":20,\"codes_pm1\":[[");
        for (int j = 0; j < 16; j++) {
            pm1.append(j > 0 ? "," : "").append(codes.get(77, j) ? 1 : -1);
        }
        JsonNode byPm1 = json(post(http, base + "/api/search", pm1 + "]]}"));
        assertEquals(r.get("results").get(1), byPm1.get("results").get(0));
    }

    @Test
    void badRequestsGetOneLineJsonErrors() throws Exception {
        String h = hex(codes, 0);
        assertError(post(http, base + "/api/search", "{\"codes\":[\"abcdef\"],\"k\":5}"), 400, "6 hex digits", "16-bit");
        assertError(post(http, base + "/api/search", "{\"codes\":[\"zzzz\"],\"k\":5}"), 400, "not hexadecimal");
        assertError(post(http, base + "/api/search", "{\"codes\":[\"" + h + "\"],\"k\":0}"), 400, "k must be between 1 and 50");
        assertError(post(http, base + "/api/search", "{\"codes\":[\"" + h + "\"],\"k\":51}"), 400, "k must be between 1 and 50");
        assertError(post(http, base + "/api/search", "{\"codes\":[\"" + h + "\"],\"radius\":17}"), 400, "between 0 and 16");
        assertError(post(http, base + "/api/search", "{\"codes\":[\"" + h + "\"],\"radius\":-1}"), 400, "between 0 and 16");
        assertError(post(http, base + "/api/search", "{\"codes\":[\"" + h + "\"],\"radius\":16}"), 400, "more than the limit");
        assertError(post(http, base + "/api/search", "{\"codes_pm1\":[[1,-1]],\"k\":3}"), 400, "16 values");
        assertError(post(http, base + "/api/search", "{\"codes\":[\"" + h + "\"],\"k\":3,\"radius\":1}"), 400, "not both");
        assertError(post(http, base + "/api/search", "{\"codes\":"), 400, "not JSON");
        assertError(post(http, base + "/api/search", "{\"code\":[]}"), 400, "unknown field");
        assertError(get(http, base + "/api/nothing"), 404, "no such API route");
    }

    @Test
    void imagesAreOnlyThoseTheIndexLists() throws Exception {
        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(java.net.URI.create(base + "/api/items/5/image?size=32"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ok.statusCode());
        assertEquals("image/png", ok.headers().firstValue("Content-Type").orElse(""));
        assertEquals(32, ImageIO.read(new ByteArrayInputStream(ok.body())).getWidth());
        HttpResponse<byte[]> raw = http.send(HttpRequest.newBuilder(java.net.URI.create(base + "/api/items/5/image")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(Files.readAllBytes(dir.resolve(paths.get(5))), raw.body());

        assertError(get(http, base + "/api/items/999999/image"), 404, "no item with id 999999");
        for (String attack : new String[] {"..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "-1", "1%2F..%2F..%2Fdb.idx"}) {
            HttpResponse<String> r = get(http, base + "/api/items/" + attack + "/image");
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, attack + " -> " + r.statusCode());
            assertTrue(!r.body().contains("root:") && !r.body().contains("H4JINDEX"), r.body());
        }
        for (String attack : new String[] {"/../../../etc/passwd", "/api/items/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc%2fpasswd"}) {
            HttpResponse<String> r = get(http, base + attack);
            assertTrue(r.statusCode() >= 400 && !r.body().contains("root:"), attack + " -> " + r.statusCode());
        }
        assertError(get(http, base + "/api/items/5/image?size=3"), 400, "size must be between");
    }

    @Test
    void anUploadedImageIsEncodedAsTheModelEncodesIt() throws Exception {
        byte[] png = Files.readAllBytes(dir.resolve(paths.get(42)));
        JsonNode r = json(upload(http, base + "/api/search/image", "q.png", png, Map.of("k", "7")));
        assertSameAsIndex(r.get("results").get(0), reference.search(codes.select(new int[] {42}), 7), 0);
        assertEquals(42, r.get("results").get(0).get(0).get("id").asLong(), "an indexed image finds itself first");

        assertError(upload(http, base + "/api/search/image", "notes.txt", "hello".getBytes(), Map.of()), 415, "not an image",
                "notes.txt");
        assertError(upload(http, base + "/api/search/image", "big.png", new byte[5000], Map.of()), 413, "limit of 4096");
        assertError(upload(http, base + "/api/search/image", "q.png", png, Map.of("k", "0")), 400, "k must be");
        assertError(post(http, base + "/api/search/image", "{}"), 400, "multipart");
    }

    @Test
    void concurrentSearchesAllAnswerRight() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        int q = (seed * 25 + i) % codes.size();
                        JsonNode r = JSON.readTree(post(http, base + "/api/search",
                                "{\"codes\":[\"" + hex(codes, q) + "\"],\"k\":10}").body());
                        SearchResult e = reference.search(codes.select(new int[] {q}), 10);
                        for (int j = 0; j < 10; j++) {
                            if (r.get("results").get(0).get(j).get("id").asLong() != e.id(0, j)) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : done) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void itemsAppendedWhileServingAppearAfterTheReload() throws Exception {
        Path other = dir.resolve("other");
        List<String> more = ServeFixture.writeImages(other, 3, 99);
        Path idx = dir.resolve("grow.idx");
        ServeFixture.buildIndex(dir, paths.subList(0, 10), idx, IndexKind.EXHAUSTIVE);
        try (SearchServer s = SearchServer.start(ServeOptions.of(idx).withAddress("127.0.0.1", 0).withReloadMillis(50))) {
            String b = "http://127.0.0.1:" + s.port();
            assertEquals(10, json(get(http, b + "/api/info")).get("size").asInt());
            BinaryCodes add = ServeFixture.buildIndexCodes(other, more);
            IndexFile.append(idx, add, null, List.of("x/1.png", "x/2.png", "x/3.png"));
            long deadline = System.currentTimeMillis() + 5000;
            while (json(get(http, b + "/api/info")).get("size").asInt() != 13 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(13, json(get(http, b + "/api/info")).get("size").asInt());
            assertError(upload(http, b + "/api/search/image", "q.png", new byte[10], Map.of()), 409, "no model");
        }
    }
}
