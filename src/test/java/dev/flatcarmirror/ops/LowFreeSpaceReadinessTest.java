package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A free-space threshold above what the disk has makes the real application unready, and only unready. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mirror.health.min-free-space=1000000TB", "mirror.admin.token=" + LowFreeSpaceReadinessTest.TOKEN})
class LowFreeSpaceReadinessTest {

    static final String TOKEN = "free-space-test-admin-token-0123456789";

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream UPSTREAM = MIRROR.upstream();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void readinessShouldBeDownWhenFreeSpaceIsBelowTheThreshold() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", "Authorization", HealthEndpointTest.basic("admin", TOKEN));

        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode storage = json.readTree(readiness.body()).path("components").path("storage");
        assertThat(storage.path("status").asString()).isEqualTo("DOWN");
        assertThat(storage.path("details").path("error").asString()).contains("mirror.health.min-free-space");
        assertThat(storage.path("details").path("freeBytes").asLong())
                .isLessThan(storage.path("details").path("minFreeBytes").asLong());
    }

    @Test
    void livenessShouldStayUpWhenFreeSpaceIsBelowTheThreshold() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
