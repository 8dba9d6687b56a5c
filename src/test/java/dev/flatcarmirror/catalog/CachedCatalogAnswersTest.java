package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.integrity.QuarantineReason;
import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.RequestConnections;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Import;

/**
 * Steady small requests answer from memory: once warmed up, a stream of the requests provisioning scripts make takes
 * no database connection at all (counted on the running application's data source). A publish or a quarantine on
 * this instance is served at the very next request, and so is a release control operation on an internal channel.
 */
// Another replica's changes would be noticed within the check interval; a long one leaves only this instance's own
// invalidation to explain answers that change at once.
// Closed after the class: a context of its own holds database connections, which the test server has few of.
@DirtiesContext
@MirrorApplicationTest(isolated = true, properties = {"mirror.catalog.change-check-interval=10m",
        "mirror.internal-channels[0].name=prod", "mirror.internal-channels[0].follows=stable"})
@Import(RequestConnections.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CachedCatalogAnswersTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final List<String> SMALL_REQUESTS = List.of("/stable/amd64-usr/current/version.txt",
            "/stable/amd64-usr/2000.2.0/version.txt", "/stable/amd64-usr/2000.2.0/" + IMAGE + ".sig",
            "/channels/stable/current", "/channels", "/channels/stable", "/channels/stable/releases",
            "/channels/stable/releases/2000.2.0",
            // An internal channel's answers come from the same memory: its board state and the followed channel's releases.
            "/prod/amd64-usr/current/version.txt", "/prod/amd64-usr/2000.2.0/version.txt", "/channels/prod/current",
            "/channels/prod");

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    RequestConnections connections;

    @Autowired
    Catalog catalog;

    @Test
    @Order(1)
    void givenAWarmMirrorWhenScriptsPollThenNoRequestShouldTakeADatabaseConnection(MirrorFixture mirror) throws Exception {
        mirror.publish("stable/amd64-usr", "2000.2.0", Map.of(IMAGE, MirrorFixture.random(100_000, 1)));
        scheduler.pollNow("stable");
        awaitCurrent("prod", "2000.2.0");
        connections.clear();
        for (String path : SMALL_REQUESTS) {
            assertThat(http.get(path).statusCode()).as(path).isIn(200, 302);
        }
        assertThat(connections.taken()).as("the first requests after the publish load from the database").isNotEmpty();

        connections.clear();
        for (int round = 0; round < 25; round++) {
            for (String path : SMALL_REQUESTS) {
                assertThat(http.get(path).statusCode()).as(path).isIn(200, 302);
            }
        }

        assertThat(connections.taken()).as("connections taken by %d warm requests", 25 * SMALL_REQUESTS.size()).isEmpty();
    }

    @Test
    @Order(2)
    void givenACachedCurrentReleaseWhenANewerOneIsPublishedHereThenTheNextRequestShouldBeRedirectedToIt(MirrorFixture mirror)
            throws Exception {
        assertThat(http.get("/stable/amd64-usr/current/version.txt").headers().firstValue("Location"))
                .hasValue("/stable/amd64-usr/2000.2.0/version.txt");
        mirror.publish("stable/amd64-usr", "2001.2.0", Map.of(IMAGE, MirrorFixture.random(100_000, 2)));

        scheduler.pollNow("stable");

        assertThat(http.get("/stable/amd64-usr/current/version.txt").headers().firstValue("Location"))
                .hasValue("/stable/amd64-usr/2001.2.0/version.txt");
        assertThat(http.get("/channels/stable/current").json().path("version").asString()).isEqualTo("2001.2.0");
    }

    @Test
    @Order(3)
    void givenACachedInternalChannelWhenItIsPinnedThenTheNextRequestShouldBeRedirectedToThePin() {
        awaitCurrent("prod", "2001.2.0");
        assertThat(http.get("/prod/amd64-usr/current/version.txt").headers().firstValue("Location"))
                .hasValue("/prod/amd64-usr/2001.2.0/version.txt");
        MirrorHttp admin = http.admin();

        MirrorHttp.Response pinned = admin.send(admin.request("/admin/channels/prod/pin").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"2000.2.0\", \"reason\": \"cache test\"}")));

        assertThat(pinned.statusCode()).as(pinned.text()).isEqualTo(200);
        assertThat(http.get("/prod/amd64-usr/current/version.txt").headers().firstValue("Location"))
                .hasValue("/prod/amd64-usr/2000.2.0/version.txt");
        assertThat(http.get("/channels/prod/current").json().path("policy").path("state").asString()).isEqualTo("pinned");
    }

    @Test
    @Order(4)
    void givenACachedFileWhenItIsQuarantinedHereThenTheNextRequestShouldNotGetIt() {
        String path = "/stable/amd64-usr/2001.2.0/" + IMAGE;
        assertThat(http.get(path).statusCode()).isEqualTo(200);
        StoredArtifact image = catalog.verifiedArtifacts().stream()
                .filter(artifact -> artifact.version().equals("2001.2.0") && artifact.name().equals(IMAGE)).findFirst().orElseThrow();

        catalog.quarantine(image.id(), QuarantineReason.CHANGED_ON_DISK, "changed behind the mirror's back (test)");

        assertThat(http.get(path).statusCode()).isEqualTo(404);
        assertThat(http.get(path + ".sig").statusCode()).isEqualTo(404);
    }

    /** The internal channel moves after the followed channel's publish, on a thread of its own. */
    private void awaitCurrent(String channel, String version) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            MirrorHttp.Response response = http.get("/channels/" + channel + "/current");
            if (response.statusCode() == 200 && response.json().path("version").asString().equals(version)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(channel + " did not become " + version + " within 20 s: " + http.get("/channels/" + channel).text());
    }
}
