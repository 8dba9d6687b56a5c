package dev.flatcarmirror.web.pages;

import static dev.flatcarmirror.channel.ChannelProperties.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An internal channel's page in a real browser: after the policy advanced {@code prod} to the stable release and an
 * operator held it, the page says why it serves what it serves and shows the audit log, who did what and why.
 */
@ExtendWith(RequiresChromium.class)
@MirrorApplicationTest(isolated = true, properties = {
        "mirror.internal-channels[0].name=prod",
        "mirror.internal-channels[0].follows=stable"})
class ReleaseControlBrowserTest {

    @Autowired
    MirrorHttp http;

    @Autowired
    MirrorFixture mirror;

    @Autowired
    PollScheduler scheduler;

    private Chromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    void advanceThenHoldThenStartTheBrowser() throws Exception {
        mirror.publish("stable/amd64-usr", "1000.2.0", Map.of(IMAGE, MirrorFixture.random(30_000, 1)));
        scheduler.pollNow("stable");
        // Soak 0: the publish itself sets off the evaluation that advances prod.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/channels/prod/current").statusCode() == 200);
        MirrorHttp admin = http.admin();
        assertThat(admin.send(admin.request("/admin/channels/prod/hold").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"incident <42> under way\"}"))).statusCode()).isEqualTo(200);
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
    void theChannelPageShouldSayWhyItServesWhatItServesAndShowTheAuditLog() {
        browser.get(http.url("/prod/"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Channel prod");
        assertThat(browser.findElement(By.cssSelector("p.policy")).getText())
                .matches("held since \\S+ by admin: incident <42> under way");
        assertThat(browser.findElement(By.cssSelector("#board-amd64-usr + p.policy + dl")).getText()).contains("1000.2.0");
        List<WebElement> rows = browser.findElements(By.cssSelector("table.audit tbody tr"));
        assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td.action")).getText()).containsExactly("held", "advanced");
        assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td.actor")).getText()).containsExactly("admin", "system");
        assertThat(rows.get(0).findElement(By.cssSelector("td.reason")).getText()).isEqualTo("incident <42> under way");
        chromium.screenshot("release-control-channel");
        assertThat(chromium.activity().consoleErrors()).isEmpty();

        browser.get(http.url("/prod/amd64-usr/"));
        assertThat(browser.findElement(By.cssSelector("p.policy")).getText()).startsWith("held since ");
    }
}
