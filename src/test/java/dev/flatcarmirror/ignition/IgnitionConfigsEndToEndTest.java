package dev.flatcarmirror.ignition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configs through the admin API and as machines fetch them, on the running application with a real PostgreSQL:
 * validation that leaves the stored version alone, history, tokens, client networks, delete, and base configs.
 */
@MirrorApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IgnitionConfigsEndToEndTest {

    static final String ADMIN = MirrorFixture.ADMIN_TOKEN;
    static final String WEB_V1 = "{\"ignition\":{\"version\":\"3.4.0\"},\"passwd\":{\"users\":[{\"name\":\"core\",\"sshAuthorizedKeys\":[\"ssh-ed25519 AAAA one\"]}]}}";
    static final String WEB_V2 = "{\"ignition\":{\"version\":\"3.4.0\"},\"passwd\":{\"users\":[{\"name\":\"core\",\"sshAuthorizedKeys\":[\"ssh-ed25519 AAAA two\"]}]}}";
    static final String IGNITION = "application/vnd.coreos.ignition+json";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = JsonMapper.builder().build();

    @Test
    @Order(1)
    void putShouldStoreAConfigAndAnswerWhereMachinesFetchIt() throws Exception {
        HttpResponse<String> put = admin("PUT", "/admin/ignition/web?reason=first%20cut", WEB_V1);

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location")).hasValue("/admin/ignition/web");
        JsonNode answer = json.readTree(put.body());
        assertThat(answer.propertyNames()).containsExactly("name", "version", "sha256", "url");
        assertThat(answer.get("version").asInt()).isEqualTo(1);
        assertThat(answer.get("sha256").asString()).isEqualTo(IgnitionConfigs.sha256(WEB_V1.getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.get("url").asString()).isEqualTo(url("/ignition/web.ign"));

        HttpResponse<String> asCurlSendsIt = http.send(HttpRequest.newBuilder(URI.create(url("/admin/ignition/form-encoded?reason=a%20b")))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(WEB_V1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asCurlSendsIt.statusCode()).as("curl --data-binary without -H: %s", asCurlSendsIt.body()).isEqualTo(201);
        assertThat(admin("DELETE", "/admin/ignition/form-encoded", null).statusCode()).isEqualTo(204);

        HttpResponse<byte[]> served = machine("/ignition/web.ign");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue(IGNITION);
        assertThat(served.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(new String(served.body(), StandardCharsets.UTF_8)).isEqualTo(WEB_V1);
    }

    @Test
    @Order(2)
    void aBadConfigShouldBeRefusedNamingEachPathAndLeaveTheStoredVersionAlone() throws Exception {
        HttpResponse<String> put = admin("PUT", "/admin/ignition/web", "{\"ignition\":{\"version\":\"3.9.0\"},\"storage\":{\"files\":"
                + "[{\"path\":\"/a\",\"contents\":{\"source\":\"ftp://x.example/a\"}}]},\"networkd\":{}}");

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(put.body());
        assertThat(problem.get("errors").valueStream().map(error -> error.get("path").asString()).toList())
                .containsExactly("$.ignition.version");
        assertThat(problem.get("detail").asString()).contains("'3.9.0'");

        put = admin("PUT", "/admin/ignition/web", "{\"ignition\":{\"version\":\"3.4.0\"},\"storage\":{\"files\":"
                + "[{\"path\":\"/a\",\"contents\":{\"source\":\"ftp://x.example/a\"}}]},\"networkd\":{}}");
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(json.readTree(put.body()).get("errors").valueStream().map(error -> error.get("path").asString()).toList())
                .containsExactlyInAnyOrder("$.networkd", "$.storage.files[0].contents.source");

        assertThat(admin("PUT", "/admin/ignition/web", "x".repeat(1024 * 1024 + 1)).statusCode()).isEqualTo(400);
        assertThat(new String(machine("/ignition/web.ign").body(), StandardCharsets.UTF_8)).isEqualTo(WEB_V1);
        assertThat(json.readTree(admin("GET", "/admin/ignition/web", null).body()).get("version").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aConfigJustUnderTheLimitShouldBeStoredAndServedByteForByte() throws Exception {
        String prefix = "{\"ignition\":{\"version\":\"3.5.0\"},\"storage\":{\"files\":[{\"path\":\"/etc/big\",\"contents\":{\"source\":\"data:,";
        String suffix = "\"}}]}}";
        String big = prefix + "é".repeat((1024 * 1024 - prefix.length() - suffix.length()) / 2) + suffix;
        assertThat(big.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024 * 1024).isGreaterThan(1024 * 1024 - 3);

        assertThat(admin("PUT", "/admin/ignition/big", big).statusCode()).isEqualTo(201);

        assertThat(machine("/ignition/big.ign").body()).isEqualTo(big.getBytes(StandardCharsets.UTF_8));
        assertThat(admin("PUT", "/admin/ignition/big", big + "   ").statusCode()).as("over the limit").isEqualTo(400);
        assertThat(admin("DELETE", "/admin/ignition/big", null).statusCode()).isEqualTo(204);
    }

    @Test
    @Order(3)
    void everyChangeShouldKeepThePreviousVersionsWithTimeSizeShaAndReason() throws Exception {
        assertThat(admin("PUT", "/admin/ignition/web?reason=rotate%20ssh%20key", WEB_V2).statusCode()).isEqualTo(200);
        assertThat(json.readTree(admin("PUT", "/admin/ignition/web?reason=same%20again", WEB_V2).body()).get("version").asInt())
                .as("identical bytes make no new version").isEqualTo(2);

        JsonNode details = json.readTree(admin("GET", "/admin/ignition/web", null).body());
        assertThat(details.get("version").asInt()).isEqualTo(2);
        assertThat(details.get("content").toString()).isEqualTo(json.readTree(WEB_V2).toString());
        List<JsonNode> versions = details.get("versions").valueStream().toList();
        assertThat(versions).extracting(version -> version.get("version").asInt()).containsExactly(2, 1);
        assertThat(versions).extracting(version -> version.get("reason").asString()).containsExactly("rotate ssh key", "first cut");
        assertThat(versions.get(1).get("size").asLong()).isEqualTo(WEB_V1.length());
        assertThat(versions.get(1).get("sha256").asString()).isEqualTo(IgnitionConfigs.sha256(WEB_V1.getBytes(StandardCharsets.UTF_8)));
        assertThat(versions.get(1).get("createdAt").asString()).isNotBlank();
        assertThat(admin("GET", "/admin/ignition/web/versions/1", null).body()).isEqualTo(WEB_V1);
        assertThat(admin("GET", "/admin/ignition", null).body()).contains("\"name\":\"web\"", "\"version\":2");
    }

    @Test
    @Order(4)
    void aTokenConfigShouldAnswerOnlyWithItsTokenAndRefuseLikeAnUnknownName() throws Exception {
        JsonNode answer = json.readTree(admin("PUT", "/admin/ignition/secret?access=token", WEB_V1).body());
        String url = answer.get("url").asString();
        assertThat(url).matches(java.util.regex.Pattern.quote(url("/ignition/secret.ign?token=")) + "[A-Za-z0-9_-]{43}");
        String token = url.substring(url.indexOf("token=") + 6);
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(json.readTree(admin("GET", "/admin/ignition/secret", null).body()).get("token").asString()).isEqualTo(token);

        assertThat(machine("/ignition/secret.ign?token=" + token).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> unknown = machine("/ignition/nothing-here.ign");
        for (String refused : List.of("/ignition/secret.ign", "/ignition/secret.ign?token=", "/ignition/secret.ign?token=" + token + "x",
                "/ignition/secret.ign?token=" + token.substring(1))) {
            HttpResponse<byte[]> response = machine(refused);
            assertThat(response.statusCode()).as(refused).isEqualTo(404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(refused)
                    .isEqualTo(new String(unknown.body(), StandardCharsets.UTF_8).replace("nothing-here", "secret")
                            .replace("/ignition/nothing-here.ign", "/ignition/secret.ign"));
        }

        String rotated = json.readTree(admin("POST", "/admin/ignition/secret/token", null).body()).get("url").asString();
        String newToken = rotated.substring(rotated.indexOf("token=") + 6);
        assertThat(newToken).isNotEqualTo(token);
        assertThat(machine("/ignition/secret.ign?token=" + token).statusCode()).isEqualTo(404);
        assertThat(machine("/ignition/secret.ign?token=" + newToken).statusCode()).isEqualTo(200);
        assertThat(json.readTree(admin("PUT", "/admin/ignition/secret", WEB_V2).body()).get("url").asString())
                .as("a later PUT keeps the token").endsWith("token=" + newToken);
    }

    @Test
    @Order(5)
    void refusalsShouldTakeAboutAsLongAsAnUnknownName() throws Exception {
        String url = json.readTree(admin("GET", "/admin/ignition/secret", null).body()).get("url").asString();
        String wrong = "/ignition/secret.ign?token=" + "A".repeat(43);
        for (int i = 0; i < 20; i++) {
            machine(wrong);
            machine("/ignition/unknown.ign?token=" + "A".repeat(43));
        }
        List<Long> refused = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            refused.add(timed(wrong));
            unknown.add(timed("/ignition/unknown.ign?token=" + "A".repeat(43)));
        }
        long refusedMedian = median(refused);
        long unknownMedian = median(unknown);
        System.out.printf("median answer: wrong token %d us, unknown name %d us, right token %d us%n", refusedMedian / 1000,
                unknownMedian / 1000, timed(url.substring(url.indexOf("/ignition/"))) / 1000);
        // Loose on purpose: a loaded 2-core machine is noisy; an early exit on the token would still show as far below this.
        assertThat(Math.abs(refusedMedian - unknownMedian)).isLessThan(20_000_000L);
    }

    @Test
    @Order(6)
    void aConfigRestrictedToOtherNetworksShouldBeRefusedAndOneIncludingTheClientServed() throws Exception {
        assertThat(admin("PUT", "/admin/ignition/lab?cidrs=10.0.0.0/8,2001:db8::/32", WEB_V1).statusCode()).isEqualTo(201);
        assertThat(machine("/ignition/lab.ign").statusCode()).isEqualTo(404);

        assertThat(admin("PUT", "/admin/ignition/lab?cidrs=10.0.0.0/8,127.0.0.0/8", WEB_V1).statusCode()).isEqualTo(200);
        assertThat(machine("/ignition/lab.ign").statusCode()).isEqualTo(200);

        HttpResponse<String> bad = admin("PUT", "/admin/ignition/lab?cidrs=10.0.0.0/33", WEB_V1);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors").get(0).get("path").asString()).isEqualTo("cidrs");
        assertThat(admin("PUT", "/admin/ignition/lab?cidrs=mirror.example", WEB_V1).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void baseConfigsShouldBeReferencedThroughMergeBeforeTheUserConfigInline() throws Exception {
        String base = "{\"ignition\":{\"version\":\"3.0.0\"},\"storage\":{\"files\":[{\"path\":\"/etc/motd\",\"contents\":{\"source\":\"data:,mirror\"}}]}}";
        String stableBase = "{\"ignition\":{\"version\":\"3.3.0\"},\"kernelArguments\":{\"shouldExist\":[\"console=ttyS0\"]}}";
        assertThat(admin("PUT", "/admin/ignition/base", base).statusCode()).isEqualTo(201);
        assertThat(admin("PUT", "/admin/ignition/base-stable", stableBase).statusCode()).isEqualTo(201);

        JsonNode served = json.readTree(machine("/ignition/web.ign?channel=stable").body());
        assertThat(served.get("ignition").get("version").asString()).isEqualTo("3.4.0");
        List<JsonNode> merge = served.get("ignition").get("config").get("merge").valueStream().toList();
        assertThat(merge).hasSize(3);
        assertThat(merge.get(0).get("source").asString()).isEqualTo(url("/ignition/base.ign?version=1"));
        assertThat(merge.get(1).get("source").asString()).isEqualTo(url("/ignition/base-stable.ign?version=1"));
        String inline = merge.get(2).get("source").asString();
        assertThat(inline).startsWith("data:;base64,");
        assertThat(new String(Base64.getDecoder().decode(inline.substring("data:;base64,".length())), StandardCharsets.UTF_8)).isEqualTo(WEB_V2);
        for (int i = 0; i < 2; i++) {
            byte[] referenced = machine(merge.get(i).get("source").asString().substring(url("").length())).body();
            assertThat(merge.get(i).get("verification").get("hash").asString()).isEqualTo("sha512-" + IgnitionConfigs.sha512(referenced));
        }
        assertThat(new String(machine("/ignition/base.ign?version=1").body(), StandardCharsets.UTF_8)).isEqualTo(base);
        assertThat(json.readTree(machine("/ignition/web.ign").body()).get("ignition").get("config").get("merge").size())
                .as("without a channel only the global base applies").isEqualTo(2);
        assertThat(new ConfigValidator(1 << 20).validate(machine("/ignition/web.ign?channel=stable").body()).errors())
                .as("the served document is itself a valid config").isEmpty();
        assertThat(machine("/ignition/web.ign?channel=edge").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void deleteShouldStopServingButKeepTheHistoryForTheNextPut() throws Exception {
        assertThat(admin("DELETE", "/admin/ignition/web", null).statusCode()).isEqualTo(204);

        assertThat(machine("/ignition/web.ign").statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/admin/ignition/web", null).statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/admin/ignition", null).body()).doesNotContain("\"name\":\"web\"");
        assertThat(admin("DELETE", "/admin/ignition/web", null).statusCode()).isEqualTo(404);

        HttpResponse<String> again = admin("PUT", "/admin/ignition/web?reason=back", WEB_V1);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json.readTree(again.body()).get("version").asInt()).isEqualTo(3);
        assertThat(json.readTree(admin("GET", "/admin/ignition/web", null).body()).get("versions").size()).isEqualTo(3);
    }

    @Test
    @Order(9)
    void concurrentPutsShouldEachBeStoredOrRefusedWithAConflictNeverFail() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String config = "{\"ignition\":{\"version\":\"3.5.0\"},\"storage\":{\"files\":[{\"path\":\"/etc/n" + i + "\"}]}}";
                answers.add(pool.submit(() -> admin("PUT", "/admin/ignition/race", config)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            }
            System.out.println("concurrent PUT answers: " + statuses);
            assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 201, 409)).contains(201);
            List<Integer> versions = json.readTree(admin("GET", "/admin/ignition/race", null).body()).get("versions").valueStream()
                    .map(version -> version.get("version").asInt()).toList();
            assertThat(versions).hasSize((int) statuses.stream().filter(status -> status != 409).count());
            assertThat(versions.get(versions.size() - 1)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(10)
    void theAdminApiShouldNeedTheAdminTokenAndNamesShouldBeChecked() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url("/admin/ignition/web")))
                .PUT(HttpRequest.BodyPublishers.ofString(WEB_V1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json.readTree(admin("GET", "/admin/ignition/web", null).body()).get("version").asInt())
                .as("the anonymous PUT changed nothing").isEqualTo(3);

        HttpResponse<String> badName = admin("PUT", "/admin/ignition/Bad.Name", WEB_V1);
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("\"path\":\"name\"");
        assertThat(machine("/ignition/Bad.Name.ign").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> machine(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private long timed(String path) throws Exception {
        long start = System.nanoTime();
        machine(path);
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
