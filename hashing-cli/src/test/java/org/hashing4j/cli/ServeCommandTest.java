package org.hashing4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashing serve} in its own JVM: answers curl-like requests, and SIGTERM ends it cleanly. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesUntilSigtermThenExitsCleanly() throws Exception {
        BinaryCodes codes = BinaryCodes.fromBitStrings("00000000", "00000001", "11111111", "00000011");
        CodeFiles.write(dir.resolve("c.npy"), codes);
        assertEquals(0, CliRun.run("index", "build", "--codes", dir.resolve("c.npy").toString(), "--out",
                dir.resolve("db.idx").toString()).code());
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.hashing4j.cli.Main", "serve", "--index",
                dir.resolve("db.idx").toString(), "--port", "0")).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            Matcher m = null;
            while ((line = out.readLine()) != null) {
                m = Pattern.compile("at (http://127.0.0.1:\\d+/)").matcher(line);
                if (m.find()) {
                    break;
                }
            }
            assertTrue(line != null, "the server printed its address");
            String base = m.group(1);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/search"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"codes\":[\"00\"],\"k\":2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"results\":[[{\"id\":0,\"distance\":0,\"path\":null},{\"id\":1,\"distance\":1,\"path\":null}]]}",
                    r.body());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server stopped after SIGTERM");
            assertEquals(143, p.exitValue(), "the usual exit status of a JVM ended by SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aMissingIndexIsOneLineAndNonZero() {
        CliRun r = CliRun.run("serve", "--index", dir.resolve("none.idx").toString(), "--port", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("none.idx") && r.err().strip().lines().count() == 1, r.err());
    }
}
