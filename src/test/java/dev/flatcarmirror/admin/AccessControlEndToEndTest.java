package dev.flatcarmirror.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Access control of the real application over HTTP: the admin API needs the token and really polls,
 * everything a mirror user reads stays anonymous, and the security headers do not spoil file caching.
 */
@MirrorApplicationTest
class AccessControlEndToEndTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String FILE = "/stable/amd64-usr/1000.2.0/" + IMAGE;

    @Autowired
    MirrorHttp http;

    @Autowired
    MirrorFixture mirror;

    @BeforeAll
    void sync(@Autowired PollScheduler scheduler) throws Exception {
        mirror.publish("stable/amd64-usr", "1000.2.0", Map.of(IMAGE, MirrorFixture.random(50_000, 21)));
        scheduler.pollNow("stable");
    }

    @Test
    void mirroredFileShouldBeAnonymousAndKeepItsImmutableCacheControlUnderTheSecurityHeaders() {
        MirrorHttp.Response file = http.get(FILE);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
        assertThat(file.headers().firstValue("Pragma")).isEmpty();
        assertThat(file.headers().firstValue("Expires")).isEmpty();
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void notModifiedAnswerForAMirroredFileShouldKeepItsCacheControlToo() {
        String etag = http.get(FILE).headers().firstValue("ETag").orElseThrow();

        MirrorHttp.Response notModified = http.get(FILE, "If-None-Match", etag);

        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
    }

    @Test
    void publicReadsShouldNeedNoCredentialsAndCarryTheSecurityHeaders() {
        for (String path : new String[] {"/channels", "/channels/stable/current", "/stable/amd64-usr/current/" + IMAGE,
                "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info",
                "/actuator/prometheus", "/stable/amd64-usr/1000.2.0/no-such-file"}) {
            MirrorHttp.Response response = http.get(path);

            assertThat(response.statusCode()).as(path).isIn(200, 302, 404);
            assertThat(response.statusCode()).as(path).isNotIn(401, 403);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    @Test
    void publicReadsShouldIgnoreCredentialsTheyDoNotNeed() {
        assertThat(http.get("/channels", "Authorization", MirrorHttp.basic("someone", "wrong")).statusCode()).isEqualTo(200);
        assertThat(http.get(FILE, "Authorization", "Bearer not-the-token").statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorShouldExposeOnlyHealthInfoAndPrometheus() {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
                "/actuator/metrics", "/actuator/loggers"}) {
            assertThat(http.admin().get(path).statusCode()).as(path).isEqualTo(404);
        }
        JsonNode links = http.get("/actuator").json().path("_links");
        assertThat(links.propertyNames()).allMatch(name -> name.equals("self") || name.startsWith("health") || name.equals("info")
                || name.equals("prometheus"));
    }

    @Test
    void adminRequestWithoutCredentialsShouldBeUnauthorizedWithABearerChallengeAndAProblem() {
        MirrorHttp.Response response = http.post("/admin/channels/stable/sync");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).anyMatch(value -> value.startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        for (String path : new String[] {"/admin/quarantine", "/admin/anything"}) {
            assertThat(http.get(path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(http.post("/admin/reverify").statusCode()).isEqualTo(401);
    }

    @Test
    void httpBasicWithTheTokenShouldBeRefusedByDefault() {
        MirrorHttp.Response response = http.get("/admin/quarantine", "Authorization", MirrorHttp.basic("admin", MirrorFixture.ADMIN_TOKEN));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).noneMatch(value -> value.startsWith("Basic"));
        assertThat(http.admin().get("/admin/quarantine").statusCode()).isEqualTo(200);
    }

    @Test
    void syncWithTheTokenShouldBeAcceptedAndPollTheChannelInTheBackground() {
        mirror.publish("stable/amd64-usr", "1000.2.1", Map.of(IMAGE, MirrorFixture.random(40_000, 22)));

        MirrorHttp.Response response = http.admin().post("/admin/channels/stable/sync");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.json().path("channel").asString()).isEqualTo("stable");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                http.get("/channels/stable/current").json().path("version").asString()).isEqualTo("1000.2.1"));
    }

    @Test
    void healthDetailsShouldBeShownToTheAdminOnly() {
        JsonNode anonymous = http.get("/actuator/health").json();
        JsonNode admin = http.admin().get("/actuator/health").json();

        assertThat(anonymous.path("components").path("channels").has("details")).isFalse();
        assertThat(admin.path("components").path("channels").path("details").path("stable").path("amd64-usr").path("state").asString())
                .isEqualTo("FRESH");
    }
}
