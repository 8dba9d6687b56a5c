package dev.flatcarmirror.web.pages;

import static dev.flatcarmirror.channel.ChannelProperties.IMAGE;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_INITRD;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_KERNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.DownloadProgress;
import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages in a real browser, against the running mirror synced from a signed fake upstream:
 * stable amd64-usr with a published and a rejected release, stable arm64-usr failing, beta fresh.
 * Every page is checked for console errors and for requests to any other host, and saved as a
 * full-page screenshot under target/screenshots/. The JSON listings are checked against the same app.
 */
@ExtendWith(RequiresChromium.class)
@MirrorApplicationTest(boards = {"stable/amd64-usr", "stable/arm64-usr", "beta/amd64-usr"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListingBrowserTest {

    static final Map<String, byte[]> FILES = Map.of(IMAGE, MirrorFixture.random(1_048_576 + 123, 1),
            PXE_KERNEL, MirrorFixture.random(70_000, 2), PXE_INITRD, MirrorFixture.random(90_000, 3));

    @Autowired
    MirrorHttp http;

    @Autowired
    MirrorFixture mirror;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    DownloadProgress progress;

    private FakeUpstream.Release published;
    private Chromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    void syncThreeReleasesThenStartTheBrowser() throws Exception {
        published = mirror.publish("stable/amd64-usr", "1000.2.0", FILES);
        scheduler.pollNow("stable");
        FakeUpstream.Release tampered = mirror.publish("stable/amd64-usr", "1000.2.1", Map.of(PXE_KERNEL, MirrorFixture.random(50_000, 4)));
        mirror.upstream().put(tampered.path(PXE_KERNEL), MirrorFixture.random(50_000, 5));
        scheduler.pollNow("stable");
        mirror.publish("beta/amd64-usr", "1001.1.0", Map.of(IMAGE, MirrorFixture.random(200_000, 6)));
        scheduler.pollNow("beta");
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void frontPageShouldShowEveryChannelWithItsCurrentVersionFreshnessAndLastError() {
        open("/");

        assertThat(browser.getTitle()).isEqualTo("Channels · Flatcar mirror");
        assertThat(row("board-stable-amd64-usr")).contains("stable", "amd64-usr", "1000.2.0", "Failing", "bad_signature");
        assertThat(row("board-stable-arm64-usr")).contains("none yet", "Failing", "upstream_status", "answered 404");
        assertThat(row("board-beta-amd64-usr")).contains("1001.1.0", "Fresh", "current 1001.1.0", "just now");
        pageIsClean("index");
    }

    @Test
    @Order(2)
    void linksShouldLeadFromTheFrontPageToAVersionWhoseChecksumsMatchTheFile() throws Exception {
        open("/");
        browser.findElement(By.cssSelector("#board-stable-amd64-usr th a")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/stable/"));
        pageIsClean("channel");
        browser.findElement(By.cssSelector("h2#board-amd64-usr a")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/stable/amd64-usr/"));
        pageIsClean("board");
        browser.findElement(By.linkText("1000.2.0/")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/stable/amd64-usr/1000.2.0/"));

        WebElement image = browser.findElement(By.id("file-" + IMAGE));
        assertThat(image.findElement(By.cssSelector("code.sha256")).getText()).isEqualTo(sha("SHA-256", FILES.get(IMAGE)));
        assertThat(image.findElement(By.cssSelector("code.sha512")).getText()).isEqualTo(sha("SHA-512", FILES.get(IMAGE)));
        assertThat(image.findElement(By.tagName("data")).getAttribute("title")).isEqualTo("1,048,699 bytes");
        assertThat(image.findElement(By.tagName("data")).getText()).isEqualTo("1.0 MiB");
        assertThat(image.findElement(By.cssSelector(".signature")).getText()).contains("verified", "by subkey",
                PageViews.grouped(mirror.key().signingSubkeyFingerprint()));
        pageIsClean("version");
    }

    @Test
    @Order(3)
    void fileAndSignatureLinksShouldDownloadTheVerifiedBytes() {
        open("/stable/amd64-usr/1000.2.0/");

        browser.findElement(By.linkText(IMAGE)).click();
        assertThat(chromium.downloaded(IMAGE)).isEqualTo(FILES.get(IMAGE));
        browser.findElement(By.linkText(IMAGE + ".sig")).click();
        assertThat(chromium.downloaded(IMAGE + ".sig")).isEqualTo(published.bytes(IMAGE + ".sig"));
        assertNoForeignRequests(chromium.activity());
    }

    @Test
    @Order(4)
    void versionTxtLinkShouldShowTheFileItself() {
        open("/stable/amd64-usr/1000.2.0/");

        browser.findElement(By.linkText("version.txt")).click();

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/stable/amd64-usr/1000.2.0/version.txt"));
        assertThat(browser.findElement(By.tagName("pre")).getText() + "\n")
                .isEqualTo(new String(FakeUpstream.versionTxt("1000.2.0"), StandardCharsets.US_ASCII));
        assertThat(chromium.activity().consoleErrors()).isEmpty();
    }

    @Test
    @Order(5)
    void versionPageShouldOfferCommandsReadyToCopy() {
        open("/stable/amd64-usr/1000.2.0/");

        assertThat(browser.findElement(By.id("flatcar-install")).getText())
                .isEqualTo("flatcar-install -b " + url("/stable/amd64-usr") + " -V 1000.2.0 -d /dev/sda");
        assertThat(browser.findElements(By.cssSelector("code.download"))).extracting(WebElement::getText)
                .contains("curl -O " + url("/stable/amd64-usr/1000.2.0/" + IMAGE) + " -O " + url("/stable/amd64-usr/1000.2.0/" + IMAGE + ".sig"));
        assertThat(browser.findElement(By.id("ipxe")).getText()).contains("kernel " + url("/stable/amd64-usr/1000.2.0/" + PXE_KERNEL),
                "initrd " + url("/stable/amd64-usr/1000.2.0/" + PXE_INITRD), "boot");
        assertThat(browser.findElement(By.id("ipxe")).getCssValue("user-select")).isEqualTo("all");
        assertNoForeignRequests(chromium.activity());
    }

    @Test
    @Order(6)
    void rejectedReleaseShouldShowWhyAndOfferNoFiles() {
        open("/stable/amd64-usr/");
        assertThat(row("release-1000.2.1")).contains("rejected", "bad_signature");
        browser.findElement(By.linkText("1000.2.1/")).click();

        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("Rejected:", "bad_signature", PXE_KERNEL);
        assertThat(browser.findElements(By.cssSelector("a.file"))).isEmpty();
        pageIsClean("version-rejected");
    }

    @Test
    @Order(7)
    void releaseBeingDownloadedShouldShowItsProgressUntilAReloadShowsItPublished() throws Exception {
        // A whole release, as Flatcar publishes them: one that lacked files 1000.2.0 had would wait for a second poll.
        FakeUpstream.Release next = mirror.publish("stable/amd64-usr", "1000.2.2", Map.of(IMAGE, MirrorFixture.random(600_000, 7),
                PXE_KERNEL, MirrorFixture.random(70_000, 8), PXE_INITRD, MirrorFixture.random(90_000, 9)));
        mirror.upstream().fault(next.path(IMAGE), new FakeUpstream.Fault.Stall(Duration.ofSeconds(6)), 1);
        Thread poll = new Thread(() -> pollQuietly("stable"), "browser-test-poll");
        poll.start();
        // The release's files download side by side: wait for the stalled image itself, its length known, not for
        // whichever small file happens to be under way first.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> progress.under("stable/amd64-usr/1000.2.2/").stream()
                .anyMatch(transfer -> transfer.file().equals(IMAGE) && transfer.bytesTotal() == 600_000));

        open("/stable/amd64-usr/1000.2.2/");
        WebElement section = browser.findElement(By.id("progress"));
        assertThat(section.getText()).contains("Downloading", IMAGE, "of 585.9 KiB");
        assertThat(section.findElement(By.tagName("progress")).getAttribute("max")).isEqualTo("600000");
        pageIsClean("version-in-progress");
        open("/stable/amd64-usr/");
        assertThat(row("release-1000.2.2")).contains("in progress");

        poll.join(Duration.ofSeconds(30).toMillis());
        open("/stable/amd64-usr/1000.2.2/");
        assertThat(browser.findElement(By.cssSelector(".release-state")).getText()).contains("published", "current");
        assertThat(browser.findElements(By.id("progress"))).isEmpty();
        assertNoForeignRequests(chromium.activity());
    }

    @Test
    @Order(8)
    void unknownChannelShouldShowANotFoundPage() {
        open("/edge/");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Unknown channel");
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).isEqualTo("channel 'edge' is not mirrored here");
        Chromium.Activity activity = chromium.activity();
        assertThat(activity.consoleErrors()).singleElement().asString().contains("/edge/", "404");
        assertNoForeignRequests(activity);
        chromium.screenshot("not-found");
    }

    @Test
    @Order(9)
    void keyboardUsersShouldReachTheSkipLinkFirst() {
        open("/");

        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);

        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        assertThat(chromium.activity().consoleErrors()).isEmpty();
    }

    @Test
    @Order(10)
    void pagesShouldFitAPhoneScreenAndFollowTheDarkColorScheme() {
        chromium.phoneScreen(true);
        try {
            open("/stable/amd64-usr/1000.2.0/");
            Number overflow = (Number) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.intValue()).as("sideways scrolling of the whole page").isLessThanOrEqualTo(0);
            pageIsClean("version-phone");
        } finally {
            chromium.phoneScreen(false);
        }
        chromium.colorScheme("dark");
        try {
            open("/");
            assertThat(browser.findElement(By.tagName("html")).getCssValue("background-color")).isEqualTo("rgba(20, 23, 27, 1)");
            pageIsClean("index-dark");
            open("/stable/amd64-usr/1000.2.0/");
            pageIsClean("version-dark");
        } finally {
            chromium.colorScheme(null);
        }
    }

    @Test
    @Order(11)
    void swaggerUiShouldDocumentTheApiFromThisHostAlone() {
        open("/");
        browser.findElement(By.linkText("API documentation")).click();

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector(".swagger-ui .opblock")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".swagger-ui .info .title")).getText()).contains("Flatcar mirror");
        assertThat(browser.findElement(By.cssSelector(".swagger-ui")).getText()).contains("/channels/{channel}/current");
        pageIsClean("swagger-ui");
    }

    @Test
    @Order(12)
    void jsonListingsShouldNameExactlyWhatTheFileServerServes() throws Exception {
        assertThat(listing("/stable/amd64-usr/")).extracting(entry -> entry.get("Name"))
                .as("the rejected 1000.2.1 is not served, so not listed").containsExactly("current", "1000.2.2", "1000.2.0");

        List<Map<String, Object>> files = listing("/stable/amd64-usr/1000.2.0/");

        assertThat(files).extracting(entry -> entry.get("Name")).containsExactlyInAnyOrder(IMAGE, IMAGE + ".sig", PXE_KERNEL,
                PXE_KERNEL + ".sig", PXE_INITRD, PXE_INITRD + ".sig", "version.txt", "version.txt.sig");
        for (Map<String, Object> entry : files) {
            MirrorHttp.Response head = http.head((String) entry.get("URL"));
            assertThat(head.statusCode()).as("HEAD %s", entry.get("URL")).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(((Number) entry.get("Size")).longValue());
            assertThat(head.headers().firstValue("Last-Modified").map(date -> ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant())).hasValue(Instant.parse((String) entry.get("ModTime")));
            assertThat(entry.get("IsDir")).isEqualTo(false);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listing(String path) {
        MirrorHttp.Response response = http.get(path, "Accept", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.json(List.class);
    }

    private void open(String path) {
        browser.get(url(path));
    }

    private String url(String path) {
        return http.url(path);
    }

    private String row(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** No console error, no request to another host, and a screenshot to look at. */
    private void pageIsClean(String screenshot) {
        Chromium.Activity activity = chromium.activity();
        assertThat(activity.consoleErrors()).as("console errors on %s", browser.getCurrentUrl()).isEmpty();
        assertNoForeignRequests(activity);
        chromium.screenshot(screenshot);
    }

    private void assertNoForeignRequests(Chromium.Activity activity) {
        assertThat(activity.requestedUrls()).allSatisfy(requested -> assertThat(requested)
                .as("a request that left the host").matches("^(" + Pattern.quote(http.url("/")) + "|data:|about:).*"));
    }

    private void pollQuietly(String channel) {
        try {
            scheduler.pollNow(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
