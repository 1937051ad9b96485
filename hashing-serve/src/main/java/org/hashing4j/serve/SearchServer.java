package org.hashing4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hashing4j.core.HashingException;

/**
 * {@code hashing serve}: the {@link SearchService} over HTTP, on Javalin 7 (Jetty 12), and the search
 * page from the jar's static files ({@code org/hashing4j/serve/web}: no CDN, works offline).
 *
 * <p>Why Javalin: a maintained, small layer over Jetty (the 7.x line targets Java 17 and Jetty 12,
 * both supported upstream), with multipart uploads, static files from the class path and
 * per-request threads built in, and no annotation processing or container to configure. JSON goes
 * through the project's own Jackson so that the API's shapes are exactly what this class writes.
 *
 * <h2>API</h2>
 * <pre>
 * GET  /api/health                 {"status":"ok"}
 * GET  /api/info                   {"bits":…, "size":…, "kind":…, "has_paths":…, "image_search":…, …}
 * POST /api/search                 {"codes":["hex",…] | "codes_pm1":[[1,-1,…],…], "k":10 | "radius":2}
 *                                  → {"results":[[{"id":…,"distance":…,"path":…},…],…]}
 * POST /api/search/image           multipart "image" (+ optional "k") → {"results":[[…]]}
 * GET  /api/items?offset=&amp;limit=   {"size":…, "offset":…, "items":[{"id":…,"path":…},…]}
 * GET  /api/items/{id}             {"id":…, "path":…, "code":"hex"}
 * GET  /api/items/{id}/image[?size=N]  the item's image (a PNG thumbnail fitting N×N with size)
 * </pre>
 * Refusals are {@code {"error":"…"}} with a 4xx status (400 bad input, 404 unknown id or route,
 * 409 no model, 413 upload too large, 415 not an image).
 *
 * <p>{@link #stop()} (also run on SIGTERM / Ctrl-C by {@link #stopOnShutdown()}) stops accepting
 * connections, lets running requests finish (up to 5 s) and ends the reload checks.
 */
public final class SearchServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEB = "/org/hashing4j/serve/web";
    /** Marks a request answered by a handler, so the 404/405 fallbacks do not overwrite its error. */
    private static final String ANSWERED = "hashing4j.answered";

    private final SearchService service;
    private final Javalin app;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    private SearchServer(SearchService service, Javalin app) {
        this.service = service;
        this.app = app;
    }

    /**
     * Opens the index and starts serving.
     *
     * @throws HashingException one line when the index or model is refused or the port is taken
     */
    public static SearchServer start(ServeOptions options) {
        SearchService service = new SearchService(options);
        try {
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = options.host();
                config.jetty.port = options.port();
                // The parser cuts off uploads a little above the limit (so a chunked upload cannot fill the
                // disk); between the limit and the cut-off the service refuses them with an exact message.
                config.jetty.multipartConfig.maxFileSize(options.maxUploadBytes() + (64 << 10), SizeUnit.BYTES);
                config.jetty.multipartConfig.maxTotalRequestSize(options.maxUploadBytes() + (64 << 10), SizeUnit.BYTES);
                config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(options.maxUploadBytes(), 1 << 20), SizeUnit.BYTES);
                config.http.maxRequestSize = Math.max(1 << 20, options.maxUploadBytes() + (64 << 10));
                config.jetty.modifyServer(server -> server.setStopTimeout(5000));
                config.staticFiles.add(WEB, Location.CLASSPATH);
                routes(config.routes, service);
            });
            app.start();
            return new SearchServer(service, app);
        } catch (RuntimeException e) {
            service.close();
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof java.net.BindException)) {
                t = t.getCause();
            }
            if (t instanceof java.net.BindException) {
                throw new HashingException("cannot listen on " + options.host() + ":" + options.port() + " (" + t.getMessage() + ")", e);
            }
            throw e;
        }
    }

    private static void routes(io.javalin.config.RoutesConfig r, SearchService s) {
        r.get("/api/health", ctx -> json(ctx, 200, Map.of("status", "ok")));
        r.get("/api/info", ctx -> json(ctx, 200, s.info()));
        r.post("/api/search", ctx -> {
            JsonNode body;
            try {
                body = JSON.readTree(ctx.bodyAsBytes());
            } catch (IOException e) {
                throw ApiException.badRequest("the body is not JSON (" + firstLine(e.getMessage()) + ")");
            }
            json(ctx, 200, Map.of("results", s.search(body)));
        });
        r.post("/api/search/image", ctx -> {
            long declared = ctx.contentLength();
            if (declared > s.maxUploadBytes() + (64L << 10)) {
                throw s.tooLarge(declared);
            }
            if (!ctx.isMultipartFormData()) {
                throw ApiException.badRequest("send the image as multipart/form-data field \"image\"");
            }
            UploadedFile f;
            String kText;
            try {
                f = ctx.uploadedFile("image");
                kText = ctx.formParam("k") != null ? ctx.formParam("k") : ctx.queryParam("k");
            } catch (Exception e) { // the servlet parser's exceptions are checked ones, thrown through Kotlin
                throw ApiException.badRequest("bad multipart request (" + firstLine(String.valueOf(e.getMessage()))
                        + "); uploads are limited to " + s.maxUploadBytes() + " bytes");
            }
            if (f == null) {
                throw ApiException.badRequest("no multipart field \"image\" in the request");
            }
            byte[] bytes;
            try (InputStream in = f.content()) {
                bytes = in.readAllBytes();
            }
            int k = kText == null ? 10 : parseInt("k", kText);
            json(ctx, 200, Map.of("results", List.of(s.searchImage(bytes, f.filename(), k))));
        });
        r.get("/api/items", ctx -> json(ctx, 200, s.items(
                ctx.queryParam("offset") == null ? 0 : parseInt("offset", ctx.queryParam("offset")),
                ctx.queryParam("limit") == null ? 50 : parseInt("limit", ctx.queryParam("limit")))));
        r.get("/api/items/{id}", ctx -> json(ctx, 200, s.item(parseId(ctx.pathParam("id")))));
        r.get("/api/items/{id}/image", ctx -> {
            String size = ctx.queryParam("size");
            SearchService.Image img = s.itemImage(parseId(ctx.pathParam("id")), size == null ? null : parseInt("size", size));
            ctx.header("Cache-Control", "max-age=3600");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType(img.contentType()).result(img.bytes());
        });
        r.exception(ApiException.class, (e, ctx) -> json(ctx, e.status(), error(e.getMessage())));
        r.exception(HashingException.class, (e, ctx) -> json(ctx, 400, error(e.getMessage())));
        r.exception(Exception.class, (e, ctx) -> {
            System.err.println("hashing serve: internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
            json(ctx, 500, error("internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))));
        });
        r.error(404, "*", ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.attribute(ANSWERED) == null) {
                json(ctx, 404, error("no such API route: " + ctx.method() + " " + ctx.path()));
            }
        });
        r.error(405, "*", ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                json(ctx, 405, error("method " + ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }

    private static long parseId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("item id must be a non-negative integer, got \"" + text + "\"");
    }

    private static int parseInt(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, got \"" + text + "\"");
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
            ctx.attribute(ANSWERED, Boolean.TRUE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The search logic behind the server. */
    public SearchService service() {
        return service;
    }

    /** Stops the server on SIGTERM / Ctrl-C (a JVM shutdown hook). */
    public SearchServer stopOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "hashing-serve-shutdown"));
        return this;
    }

    /** Blocks until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting requests, finishes running ones (up to 5 s), and releases the index. Idempotent. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            app.stop();
        } finally {
            service.close();
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
