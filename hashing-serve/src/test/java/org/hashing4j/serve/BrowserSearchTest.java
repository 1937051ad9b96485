package org.hashing4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.index.HammingIndex;
import org.hashing4j.core.index.IndexKind;
import org.hashing4j.core.index.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page in a real browser: Debian's headless Chromium, driven through its chromedriver
 * (named explicitly, so Selenium Manager never tries to download a driver). Uploads an image and
 * checks the gallery shows k results in distance order, the index's answer; then clicks a database
 * item. CI installs {@code chromium} and {@code chromium-driver}; without them this test fails.
 */
class BrowserSearchTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private static WebDriver browser(Path profile) {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        // As root on a closed network: no sandbox, and no background connections (they are refused here).
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    @Test
    void uploadShowsTheTopKInDistanceOrderAndItemsAreClickable() throws Exception {
        List<String> paths = ServeFixture.writeImages(dir, 60, 7);
        BinaryCodes codes = ServeFixture.buildIndex(dir, paths, dir.resolve("db.idx"), IndexKind.EXHAUSTIVE);
        HammingIndex reference = HammingIndex.create(IndexKind.EXHAUSTIVE, codes.bits(), 1);
        reference.add(codes);
        try (SearchServer server = SearchServer.start(ServeOptions.of(dir.resolve("db.idx"))
                .withModel(new ServeFixture.PixelHash()).withAddress("127.0.0.1", 0))) {
            WebDriver driver = browser(Files.createDirectory(dir.resolve("profile")));
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get("http://127.0.0.1:" + server.port() + "/");
                wait.until(d -> "60".equals(d.findElement(By.id("info")).getAttribute("data-size")));
                assertTrue(driver.findElement(By.id("info")).getText().contains("60 codes of 16 bits"),
                        driver.findElement(By.id("info")).getText());

                WebElement k = driver.findElement(By.id("k"));
                k.clear();
                k.sendKeys("8");
                driver.findElement(By.id("file")).sendKeys(dir.resolve(paths.get(11)).toString());
                wait.until(d -> d.findElements(By.cssSelector("#results li")).size() == 8);
                List<WebElement> tiles = driver.findElements(By.cssSelector("#results li"));
                SearchResult expected = reference.search(codes.select(new int[] {11}), 8);
                int previous = -1;
                for (int j = 0; j < tiles.size(); j++) {
                    int distance = Integer.parseInt(tiles.get(j).getAttribute("data-distance"));
                    assertTrue(distance >= previous, "distance order");
                    previous = distance;
                    assertEquals(expected.id(0, j), Long.parseLong(tiles.get(j).getAttribute("data-id")));
                    assertEquals(expected.distance(0, j), distance);
                    assertTrue(tiles.get(j).getText().contains(paths.get((int) expected.id(0, j))), tiles.get(j).getText());
                }
                assertEquals("11", tiles.get(0).getAttribute("data-id"), "the uploaded database image finds itself first");
                wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "return Array.from(document.querySelectorAll('#results img')).every(i => i.complete && i.naturalWidth > 0)"));

                // Clicking a database item searches with its code.
                wait.until(d -> d.findElements(By.cssSelector("#items li")).size() >= 24);
                driver.findElements(By.cssSelector("#items li")).get(30 % 24).click();
                wait.until(d -> "item 6".equals(d.findElement(By.id("results")).getAttribute("data-query")));
                assertEquals("6", driver.findElements(By.cssSelector("#results li")).get(0).getAttribute("data-id"));
            } finally {
                driver.quit();
            }
        }
    }
}
