package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The probes of the real application, over HTTP, while its only upstream answers 500 to everything:
 * a failing channel shows in the health details but leaves the pod ready; a store that cannot be
 * written to makes it unready.
 */
@MirrorApplicationTest
class HealthEndpointTest {

    private static final String ADMIN = "Bearer " + MirrorFixture.ADMIN_TOKEN;

    @Autowired
    MirrorHttp http;

    @Autowired
    MirrorFixture mirror;

    @BeforeAll
    void pollTheFailingUpstream(FakeUpstream upstream, @Autowired PollScheduler scheduler) throws Exception {
        for (String file : new String[] {"version.txt", "version.txt.sig"}) {
            upstream.fault("/stable/amd64-usr/current/" + file, new FakeUpstream.Fault.Status(500));
        }
        scheduler.pollNow("stable");
    }

    @Test
    void readinessShouldBeUpWhileUpstreamFailsAndLeaveTheChannelsOut() {
        MirrorHttp.Response readiness = http.get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode body = readiness.json();
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db", "storage");
    }

    @Test
    void livenessShouldOnlyReflectTheApplicationsOwnState() {
        MirrorHttp.Response liveness = http.get("/actuator/health/liveness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        JsonNode body = liveness.json();
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void healthShouldShowTheFailingBoardInTheChannelDetailsToTheAdmin() {
        MirrorHttp.Response health = http.get("/actuator/health", "Authorization", ADMIN);

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode channels = health.json().path("components").path("channels");
        assertThat(channels.path("status").asString()).isEqualTo("UP");
        JsonNode board = channels.path("details").path("stable").path("amd64-usr");
        assertThat(board.path("state").asString()).isEqualTo("FAILING");
        assertThat(board.path("reason").asString()).startsWith("server_error").contains("500");
        JsonNode storage = health.json().path("components").path("storage");
        assertThat(storage.path("details").path("freeBytes").asLong()).isPositive();
    }

    @Test
    void healthShouldShowComponentStatusesButNoDetailsToAnonymousCallers() {
        JsonNode body = http.get("/actuator/health").json();

        assertThat(body.path("components").path("channels").path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("channels").has("details")).isFalse();
        assertThat(body.path("components").path("storage").has("details")).isFalse();
    }

    @Test
    void readinessShouldGoDownWhileTheObjectStoreCannotBeWrittenTo() throws Exception {
        // Permission bits do not stop root, which the tests may run as: put a plain file where the store was.
        Path storage = mirror.storage();
        Path away = storage.resolveSibling(storage.getFileName() + "-away");
        Files.move(storage, away);
        Files.writeString(storage, "not a directory");
        try {
            MirrorHttp.Response readiness = http.get("/actuator/health/readiness", "Authorization", ADMIN);

            assertThat(readiness.statusCode()).isEqualTo(503);
            JsonNode component = readiness.json().path("components").path("storage");
            assertThat(component.path("status").asString()).isEqualTo("DOWN");
            assertThat(component.path("details").path("error").asString()).contains("not writable");
            assertThat(http.get("/actuator/health/liveness").statusCode()).as("the process itself is fine").isEqualTo(200);
        } finally {
            Files.delete(storage);
            Files.move(away, storage);
        }
        assertThat(http.get("/actuator/health/readiness").statusCode()).as("ready again once the store is back").isEqualTo(200);
    }
}
