package dev.flatcarmirror.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The OpenAPI document and Swagger UI of the running mirror, and whether its examples look like real answers. */
@MirrorApplicationTest
class ApiDocumentationTest {

    @Autowired
    MirrorHttp http;

    @Autowired
    ObjectMapper json;

    private JsonNode docs;

    @BeforeAll
    void publishOneReleaseAndReadTheDocument(MirrorFixture mirror, @Autowired PollScheduler scheduler) throws Exception {
        mirror.publish("stable/amd64-usr", "1000.2.0", Map.of(ChannelProperties.IMAGE, MirrorFixture.random(4096, 1)));
        scheduler.pollNow("stable");
        MirrorHttp.Response response = get("/v3/api-docs", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        docs = response.json();
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
    void examplesShouldHaveTheFieldsOfTheRealAnswers(String path) {
        String real = path.replace("{channel}", "stable").replace("{board}", "amd64-usr").replace("{version}", "1000.2.0");
        MirrorHttp.Response response = get(real, "application/json");
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode example = examples(path).get(0);

        assertThat(fieldNames(example)).as("fields of the example for %s", path).isEqualTo(fieldNames(response.json()));
    }

    @Test
    void htmlPagesShouldStayOutOfTheApiDocument() {
        assertThat(docs.path("paths").path("/").path("get").path("responses").path("200").path("content").propertyNames())
                .containsExactly("application/json");
    }

    @Test
    void swaggerUiShouldAnswerFromThisHostUnderItsOwnPolicy() {
        MirrorHttp.Response response = get("/swagger-ui/index.html", "text/html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(ContentSecurityPolicy.SWAGGER_UI);
        assertThat(get("/swagger-ui/swagger-initializer.js", "*/*").text()).doesNotContain("petstore");
    }

    @Test
    void swaggerUiShortcutShouldStillReachSwaggerUiDespiteTheChannelRoutes() {
        MirrorHttp.Response response = get("/swagger-ui.html", "text/html");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/swagger-ui/index.html"));
    }

    @Test
    void frontPageShouldLinkToTheApiDocumentation() {
        assertThat(get("/", "text/html").text()).contains("href=\"/swagger-ui/index.html\"", "href=\"/v3/api-docs\"");
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

    private MirrorHttp.Response get(String path, String accept) {
        return http.get(path, "Accept", accept);
    }
}
