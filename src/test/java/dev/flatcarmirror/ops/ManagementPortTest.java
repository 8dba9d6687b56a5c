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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code management.server.port} set (the chart's metrics.separatePort), the actuator moves off the public port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "mirror.admin.token=" + ManagementPortTest.TOKEN})
class ManagementPortTest {

    static final String TOKEN = "management-port-admin-token-0123456789";

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream UPSTREAM = MIRROR.upstream();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void prometheusAndProbesShouldBeServedAnonymouslyOnTheManagementPortOnly() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> management = get(managementPort, path);
            assertThat(management.statusCode()).as("management port %s", path).isEqualTo(200);
            assertThat(management.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(get(port, path).statusCode()).as("public port %s", path).isEqualTo(404);
        }
        assertThat(get(managementPort, "/actuator/prometheus").body()).contains("flatcar_mirror_storage_used_bytes");
    }

    @Test
    void managementPortShouldExposeNothingBeyondHealthInfoAndPrometheus() throws Exception {
        assertThat(get(managementPort, "/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get(managementPort, "/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void publicPortShouldStillServeTheMirrorAnonymously() throws Exception {
        assertThat(get(port, "/channels").statusCode()).isEqualTo(200);
        assertThat(get(port, "/admin/channels/stable/sync").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
