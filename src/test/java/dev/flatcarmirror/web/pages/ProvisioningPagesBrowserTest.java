package dev.flatcarmirror.web.pages;

import static dev.flatcarmirror.channel.ChannelProperties.IMAGE;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_INITRD;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_KERNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/**
 * The provisioning parts of the pages in a real browser against the running mirror: the version page's iPXE
 * script, kernel arguments and default config URL, and a config's page (reached with the admin bearer token,
 * which the browser sends through DevTools) with its versions and a diff. Neither may show a token.
 */
@ExtendWith(RequiresChromium.class)
@MirrorApplicationTest
class ProvisioningPagesBrowserTest {

    static final String ADMIN = MirrorFixture.ADMIN_TOKEN;
    static final String V1 = "{\"ignition\":{\"version\":\"3.4.0\"},\"passwd\":{\"users\":[{\"name\":\"core\",\"groups\":[\"wheel\"]}]}}";
    static final String V2 = "{\"ignition\":{\"version\":\"3.4.0\"},\"passwd\":{\"users\":[{\"name\":\"core\",\"groups\":[\"docker\"]}]}}";

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    MirrorFixture mirror;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private Chromium chromium;
    private ChromeDriver browser;
    private String token;

    @BeforeAll
    void publishAReleaseStoreTwoVersionsOfTheDefaultConfigThenStartTheBrowser() throws Exception {
        mirror.publish("stable/amd64-usr", "1000.2.0", Map.of(IMAGE, MirrorFixture.random(5000, 21),
                PXE_KERNEL, MirrorFixture.random(7000, 22), PXE_INITRD, MirrorFixture.random(9000, 23)));
        scheduler.pollNow("stable");
        admin("/admin/ignition/default?access=token&reason=first%20cut", V1);
        String url = json.readTree(admin("/admin/ignition/default?reason=docker%20instead%20of%20wheel", V2)).get("url").asString();
        token = url.substring(url.indexOf("token=") + "token=".length());
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
    void versionPageShouldShowTheBootScriptKernelArgumentsAndTheConfigUrlWithoutItsToken() {
        browser.get(url("/stable/amd64-usr/1000.2.0/"));

        String redacted = url("/ignition/default.ign?token=<redacted>");
        assertThat(browser.findElement(By.id("ipxe")).getText()).contains("kernel " + url("/stable/amd64-usr/1000.2.0/" + PXE_KERNEL),
                "ignition.config.url=" + redacted, "initrd " + url("/stable/amd64-usr/1000.2.0/" + PXE_INITRD));
        assertThat(browser.findElement(By.id("kernel-args")).getText())
                .isEqualTo("initrd=" + PXE_INITRD + " flatcar.first_boot=1 ignition.config.url=" + redacted);
        assertThat(browser.findElement(By.id("config-url")).getText()).isEqualTo(redacted);
        assertThat(browser.findElement(By.id("ipxe-chain")).getText()).isEqualTo("#!ipxe\nchain " + url("/ipxe/stable?board=amd64-usr"));
        assertThat(browser.getPageSource()).doesNotContain(token);
        pageIsClean("provisioning-version");
    }

    @Test
    void configPageShouldShowVersionsADiffAndBootInstructionsWithoutTheToken() {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + ADMIN)));
        try {
            browser.get(url("/admin/ignition/default/page"));

            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ignition config default");
            assertThat(browser.findElement(By.id("config-url")).getText()).isEqualTo(url("/ignition/default.ign?token=<redacted>"));
            assertThat(browser.findElement(By.id("kernel-args")).getText()).endsWith("ignition.config.url=" + url("/ignition/default.ign?token=<redacted>"));
            assertThat(browser.findElement(By.id("ipxe-stable")).getText())
                    .isEqualTo("#!ipxe\nchain " + url("/ipxe/stable?board=amd64-usr&ignition=default&token=<redacted>"));
            assertThat(browser.findElements(By.cssSelector("table.versions tbody tr"))).extracting(WebElement::getText)
                    .satisfiesExactly(row -> assertThat(row).startsWith("2").contains("docker instead of wheel"),
                            row -> assertThat(row).startsWith("1").contains("first cut"));
            List<String> removed = browser.findElements(By.cssSelector("#diff .removed")).stream().map(WebElement::getText).toList();
            List<String> added = browser.findElements(By.cssSelector("#diff .added")).stream().map(WebElement::getText).toList();
            assertThat(removed).singleElement().asString().contains("\"wheel\"");
            assertThat(added).singleElement().asString().contains("\"docker\"");
            assertThat(browser.findElement(By.cssSelector("#diff .added")).getCssValue("color")).isEqualTo("rgba(26, 127, 55, 1)");
            assertThat(browser.getPageSource()).doesNotContain(token);
            pageIsClean("provisioning-config");
        } finally {
            browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }
    }

    private String admin(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return response.body();
    }

    private void pageIsClean(String screenshot) {
        Chromium.Activity activity = chromium.activity();
        assertThat(activity.consoleErrors()).as("console errors on %s", browser.getCurrentUrl()).isEmpty();
        assertThat(activity.requestedUrls()).allSatisfy(requested -> assertThat(requested)
                .matches("^(http://127\\.0\\.0\\.1:" + port + "/|data:|about:).*"));
        chromium.screenshot(screenshot);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
