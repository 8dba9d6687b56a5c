package dev.flatcarmirror.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.TestSigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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
 * Access control of the real application over HTTP: the admin API needs the token and really polls,
 * everything a mirror user reads stays anonymous, and the security headers do not spoil file caching.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mirror.admin.token=" + AccessControlEndToEndTest.TOKEN)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlEndToEndTest {

    static final String TOKEN = "e2e-admin-token-0123456789abcdef";
    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String FILE = "/stable/amd64-usr/1000.2.0/" + IMAGE;

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final TestSigningKey KEY = MIRROR.key();
    static final FakeUpstream UPSTREAM = MIRROR.upstream();

    static {
        UPSTREAM.publishRelease("stable", "amd64-usr", "1000.2.0", KEY, Map.of(IMAGE, MirrorFixture.random(50_000, 21)), true);
    }

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

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void sync() throws Exception {
        scheduler.pollNow("stable");
    }

    @AfterAll
    void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void mirroredFileShouldBeAnonymousAndKeepItsImmutableCacheControlUnderTheSecurityHeaders() throws Exception {
        HttpResponse<byte[]> file = send(request(FILE));

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
        assertThat(file.headers().firstValue("Pragma")).isEmpty();
        assertThat(file.headers().firstValue("Expires")).isEmpty();
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void notModifiedAnswerForAMirroredFileShouldKeepItsCacheControlToo() throws Exception {
        String etag = send(request(FILE)).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> notModified = send(request(FILE).header("If-None-Match", etag));

        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
    }

    @Test
    void publicReadsShouldNeedNoCredentialsAndCarryTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/channels", "/channels/stable/current", "/stable/amd64-usr/current/" + IMAGE,
                "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info",
                "/actuator/prometheus", "/stable/amd64-usr/1000.2.0/no-such-file"}) {
            HttpResponse<byte[]> response = send(request(path));

            assertThat(response.statusCode()).as(path).isIn(200, 302, 404);
            assertThat(response.statusCode()).as(path).isNotIn(401, 403);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    @Test
    void publicReadsShouldIgnoreCredentialsTheyDoNotNeed() throws Exception {
        assertThat(send(request("/channels").header("Authorization", AdminApiTest.basic("someone", "wrong"))).statusCode())
                .isEqualTo(200);
        assertThat(send(request(FILE).header("Authorization", "Bearer not-the-token")).statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorShouldExposeOnlyHealthInfoAndPrometheus() throws Exception {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
                "/actuator/metrics", "/actuator/loggers"}) {
            assertThat(send(request(path).header("Authorization", "Bearer " + TOKEN)).statusCode()).as(path).isEqualTo(404);
        }
        JsonNode links = json.readTree(send(request("/actuator")).body()).path("_links");
        assertThat(links.propertyNames()).allMatch(name -> name.equals("self") || name.startsWith("health") || name.equals("info")
                || name.equals("prometheus"));
    }

    @Test
    void adminRequestWithoutCredentialsShouldBeUnauthorizedWithABearerChallengeAndAProblem() throws Exception {
        HttpResponse<byte[]> response = send(request("/admin/channels/stable/sync").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).anyMatch(value -> value.startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        for (String path : new String[] {"/admin/quarantine", "/admin/anything"}) {
            assertThat(send(request(path)).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(send(request("/admin/reverify").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);
    }

    @Test
    void syncWithTheTokenShouldBeAcceptedAndPollTheChannelInTheBackground() throws Exception {
        UPSTREAM.publishRelease("stable", "amd64-usr", "1000.2.1", KEY, Map.of(IMAGE, MirrorFixture.random(40_000, 22)), true);

        HttpResponse<byte[]> response = send(request("/admin/channels/stable/sync")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).path("channel").asString()).isEqualTo("stable");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                json.readTree(send(request("/channels/stable/current")).body()).path("version").asString()).isEqualTo("1000.2.1"));
    }

    @Test
    void healthDetailsShouldBeShownToTheAdminOnly() throws Exception {
        JsonNode anonymous = json.readTree(send(request("/actuator/health")).body());
        JsonNode admin = json.readTree(send(request("/actuator/health").header("Authorization", "Bearer " + TOKEN)).body());

        assertThat(anonymous.path("components").path("channels").has("details")).isFalse();
        assertThat(admin.path("components").path("channels").path("details").path("stable").path("amd64-usr").path("state").asString())
                .isEqualTo("FRESH");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

}
