package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The probes of the real application, over HTTP, while its only upstream answers 500 to everything:
 * a failing channel shows in the health details but leaves the pod ready; a store that cannot be
 * written to makes it unready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mirror.admin.token=" + HealthEndpointTest.TOKEN)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthEndpointTest {

    static final String TOKEN = "health-test-admin-token-0123456789";

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream UPSTREAM = answering500(MIRROR.upstream());
    static final Path STORAGE = MIRROR.storage();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void pollTheFailingUpstream() throws Exception {
        scheduler.pollNow("stable");
    }

    @AfterAll
    void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void readinessShouldBeUpWhileUpstreamFailsAndLeaveTheChannelsOut() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(readiness.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db", "storage");
    }

    @Test
    void livenessShouldOnlyReflectTheApplicationsOwnState() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(liveness.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void healthShouldShowTheFailingBoardInTheChannelDetailsToTheAdmin() throws Exception {
        HttpResponse<String> health = get("/actuator/health", "Authorization", basic("admin", TOKEN));

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode channels = json.readTree(health.body()).path("components").path("channels");
        assertThat(channels.path("status").asString()).isEqualTo("UP");
        JsonNode board = channels.path("details").path("stable").path("amd64-usr");
        assertThat(board.path("state").asString()).isEqualTo("FAILING");
        assertThat(board.path("reason").asString()).startsWith("server_error").contains("500");
        JsonNode storage = json.readTree(health.body()).path("components").path("storage");
        assertThat(storage.path("details").path("freeBytes").asLong()).isPositive();
    }

    @Test
    void healthShouldShowComponentStatusesButNoDetailsToAnonymousCallers() throws Exception {
        JsonNode body = json.readTree(get("/actuator/health").body());

        assertThat(body.path("components").path("channels").path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("channels").has("details")).isFalse();
        assertThat(body.path("components").path("storage").has("details")).isFalse();
    }

    @Test
    void readinessShouldGoDownWhileTheObjectStoreCannotBeWrittenTo() throws Exception {
        // Permission bits do not stop root, which the tests may run as: put a plain file where the store was.
        Path away = STORAGE.resolveSibling(STORAGE.getFileName() + "-away");
        Files.move(STORAGE, away);
        Files.writeString(STORAGE, "not a directory");
        try {
            HttpResponse<String> readiness = get("/actuator/health/readiness", "Authorization", basic("admin", TOKEN));

            assertThat(readiness.statusCode()).isEqualTo(503);
            JsonNode storage = json.readTree(readiness.body()).path("components").path("storage");
            assertThat(storage.path("status").asString()).isEqualTo("DOWN");
            assertThat(storage.path("details").path("error").asString()).contains("not writable");
            assertThat(get("/actuator/health/liveness").statusCode()).as("the process itself is fine").isEqualTo(200);
        } finally {
            Files.delete(STORAGE);
            Files.move(away, STORAGE);
        }
        assertThat(get("/actuator/health/readiness").statusCode()).as("ready again once the store is back").isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static FakeUpstream answering500(FakeUpstream upstream) {
        for (String file : new String[] {"version.txt", "version.txt.sig"}) {
            upstream.fault("/stable/amd64-usr/current/" + file, new FakeUpstream.Fault.Status(500));
        }
        return upstream;
    }
}
