package dev.flatcarmirror.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.TestSigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The OpenAPI document and Swagger UI of the running mirror, and whether its examples look like real answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentationTest {

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final TestSigningKey KEY = MIRROR.key();
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
    private JsonNode docs;

    @BeforeAll
    void publishOneReleaseAndReadTheDocument(@Autowired PollScheduler scheduler) throws Exception {
        UPSTREAM.publishRelease("stable", "amd64-usr", "1000.2.0", KEY,
                Map.of(dev.flatcarmirror.channel.ChannelProperties.IMAGE, MirrorFixture.random(4096, 1)), true);
        scheduler.pollNow("stable");
        HttpResponse<String> response = get("/v3/api-docs", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        docs = json.readTree(response.body());
    }

    @AfterAll
    void stopUpstream() {
        MIRROR.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/channels", "/channels/{channel}/current", "/channels/{channel}/releases",
            "/channels/{channel}/releases/{version}", "/", "/{channel}/", "/{channel}/{board}/", "/{channel}/{board}/{version}/"})
    void everyJsonEndpointShouldBeDocumentedWithAnExample(String path) {
        JsonNode operation = docs.path("paths").path(path).path("get");

        assertThat(operation.path("summary").asString()).isNotBlank();
        assertThat(examples(path)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/channels", "/channels/{channel}/current", "/channels/{channel}/releases",
            "/channels/{channel}/releases/{version}", "/{channel}/{board}/{version}/"})
    void examplesShouldHaveTheFieldsOfTheRealAnswers(String path) throws Exception {
        String real = path.replace("{channel}", "stable").replace("{board}", "amd64-usr").replace("{version}", "1000.2.0");
        HttpResponse<String> response = get(real, "application/json");
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode example = examples(path).get(0);

        assertThat(fieldNames(example)).as("fields of the example for %s", path).isEqualTo(fieldNames(json.readTree(response.body())));
    }

    @Test
    void htmlPagesShouldStayOutOfTheApiDocument() {
        assertThat(docs.path("paths").path("/").path("get").path("responses").path("200").path("content").propertyNames())
                .containsExactly("application/json");
    }

    @Test
    void swaggerUiShouldAnswerFromThisHostUnderItsOwnPolicy() throws Exception {
        HttpResponse<String> response = get("/swagger-ui/index.html", "text/html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(ContentSecurityPolicy.SWAGGER_UI);
        assertThat(get("/swagger-ui/swagger-initializer.js", "*/*").body()).doesNotContain("petstore");
    }

    @Test
    void swaggerUiShortcutShouldStillReachSwaggerUiDespiteTheChannelRoutes() throws Exception {
        HttpResponse<String> response = get("/swagger-ui.html", "text/html");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/swagger-ui/index.html"));
    }

    @Test
    void frontPageShouldLinkToTheApiDocumentation() throws Exception {
        assertThat(get("/", "text/html").body()).contains("href=\"/swagger-ui/index.html\"", "href=\"/v3/api-docs\"");
    }

    private List<JsonNode> examples(String path) {
        JsonNode examples = docs.path("paths").path(path).path("get").path("responses").path("200").path("content")
                .path("application/json").path("examples");
        return examples.valueStream().map(example -> {
            JsonNode value = example.path("value");
            return value.isString() ? json.readTree(value.asString()) : value;
        }).toList();
    }

    /** Top-level field names, of the first element for arrays. */
    private static Set<String> fieldNames(JsonNode node) {
        JsonNode object = node.isArray() ? node.get(0) : node;
        return new TreeSet<>(object.propertyNames());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
