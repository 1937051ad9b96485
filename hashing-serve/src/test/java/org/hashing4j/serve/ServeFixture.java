package org.hashing4j.serve;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.index.IndexFile;
import org.hashing4j.core.index.IndexKind;
import org.hashing4j.models.encode.ImageInputs;

/**
 * What the server tests share: small grey images on disk, a hash function that encodes them from
 * their pixels (one bit per pixel of a 4×4 image, set where the pixel is brighter than mid-grey, so
 * similar images get near codes), an index of them with their paths, and HTTP helpers.
 */
final class ServeFixture {
    static final int SIDE = 4;

    private ServeFixture() {
    }

    /** A 16-bit hash of 4×4 grey images; preprocessing comes from {@link ImageInputs} as for any model. */
    static final class PixelHash implements HashFunction {
        @Override
        public int bits() {
            return SIDE * SIDE;
        }

        @Override
        public int inputDimension() {
            return SIDE * SIDE;
        }

        @Override
        public BinaryCodes encode(float[][] features) {
            checkInput(features);
            float[] v = new float[features.length * bits()];
            for (int i = 0; i < features.length; i++) {
                for (int j = 0; j < bits(); j++) {
                    v[i * bits() + j] = features[i][j] - 0.5f;
                }
            }
            return BinaryCodes.fromSigned(v, features.length, bits());
        }

        @Override
        public String method() {
            return "pixel-hash";
        }

        @Override
        public Map<String, Object> provenance() {
            return Map.of("image_shape", List.of(1, SIDE, SIDE));
        }
    }

    /** Writes {@code n} random 4×4 grey PNGs under {@code root/images}; returns their paths relative to root. */
    static List<String> writeImages(Path root, int n, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(root.resolve("images"));
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int g = rnd.nextInt(256);
                    img.setRGB(x, y, (g << 16) | (g << 8) | g);
                }
            }
            String rel = "images/img-" + i + ".png";
            ImageIO.write(img, "png", root.resolve(rel).toFile());
            paths.add(rel);
        }
        return paths;
    }

    /** Encodes the images with the hash (as the server will) and writes an index holding their paths. */
    static BinaryCodes buildIndex(Path root, List<String> paths, Path index, IndexKind kind) {
        BinaryCodes codes = buildIndexCodes(root, paths);
        IndexFile.create(index, codes, null, paths, kind, 0);
        return codes;
    }

    /** The codes of the images, encoded as the server encodes uploads. */
    static BinaryCodes buildIndexCodes(Path root, List<String> paths) {
        HashFunction h = new PixelHash();
        return h.encode(ImageInputs.read(h, paths.stream().map(root::resolve).toList()));
    }

    static HttpResponse<String> get(HttpClient c, String url) throws IOException, InterruptedException {
        return c.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient c, String url, String json) throws IOException, InterruptedException {
        return c.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data POST with one file field {@code image} and optional text fields. */
    static HttpResponse<String> upload(HttpClient c, String url, String filename, byte[] content, Map<String, String> fields)
            throws IOException, InterruptedException {
        String boundary = "----hashing4j" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return c.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
