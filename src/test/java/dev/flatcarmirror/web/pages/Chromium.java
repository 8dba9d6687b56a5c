package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.testsupport.MirrorFixture;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.net.PortProber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium driven by its own chromedriver (so Selenium Manager never runs),
 * cut off from every host but this one, recording each request the pages make and every
 * message they log, taking full-page screenshots and keeping downloads in a folder of its own.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** What the browser did since the last look: every URL it requested and every console error. */
    record Activity(List<String> requestedUrls, List<String> consoleErrors) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ChromeDriver driver;
    private final Path downloads;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path downloads, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    static Chromium start() {
        Path profile = MirrorFixture.temporaryDirectory("chromium-profile-");
        Path downloads = MirrorFixture.temporaryDirectory("chromium-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-extensions", "--disable-sync", "--disable-component-update",
                "--no-first-run", "--no-default-browser-check", "--window-size=1280,900",
                "--user-data-dir=" + profile,
                // Without this Chromium still looks up Google's hosts; only the mirror's own address resolves.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        ChromeDriver driver = new ChromeDriver(driverService(), options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        Chromium chromium = new Chromium(driver, downloads, profile);
        chromium.forgetStartup();
        return chromium;
    }

    /**
     * The driver given explicitly, so Selenium Manager never runs. Built with the constructor rather
     * than ChromeDriverService.Builder, whose AutoService annotation javac would warn about.
     */
    private static ChromeDriverService driverService() {
        int port = PortProber.findFreePort();
        try {
            return new ChromeDriverService(DRIVER.toFile(), port, Duration.ofSeconds(20),
                    List.of("--port=" + port, "--allowed-ips=127.0.0.1"), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Drains the browser's logs. */
    Activity activity() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (message.path("method").asString().equals("Network.requestWillBeSent")) {
                urls.add(message.path("params").path("request").path("url").asString());
            }
        }
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        return new Activity(urls, errors);
    }

    /** The first tab opens Chromium's built-in new tab page, whose chrome:// and data: resources are no network traffic. */
    private void forgetStartup() {
        List<String> startup = activity().requestedUrls().stream()
                .filter(url -> !url.startsWith("chrome://") && !url.startsWith("data:"))
                .toList();
        if (!startup.isEmpty()) {
            throw new IllegalStateException("Chromium made requests of its own at start-up: " + startup);
        }
    }

    /** The whole page, not just the window, as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<?, ?> content = (Map<?, ?>) metrics.get("cssContentSize");
        Map<?, ?> viewport = (Map<?, ?>) metrics.get("cssLayoutViewport");
        double width = Math.max(number(content.get("width")), number(viewport.get("clientWidth")));
        double height = Math.max(number(content.get("height")), number(viewport.get("clientHeight")));
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
            return Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a download to complete and returns its bytes. */
    byte[] downloaded(String fileName) {
        Path file = downloads.resolve(fileName);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(file) && !Files.exists(downloads.resolve(fileName + ".crdownload")));
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code null} for the system's choice; "dark" or "light" to override {@code prefers-color-scheme}. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme == null ? "" : scheme))));
    }

    void phoneScreen(boolean phone) {
        if (phone) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        } else {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() {
        driver.quit();
        deleteQuietly(profile.toFile());
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static void deleteQuietly(File directory) {
        File[] children = directory.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteQuietly(child);
            }
        }
        directory.delete();
    }
}
