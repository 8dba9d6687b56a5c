package dev.flatcarmirror.provisioning;

import static dev.flatcarmirror.channel.ChannelProperties.IMAGE;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_INITRD;
import static dev.flatcarmirror.channel.ChannelProperties.PXE_KERNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A machine's first boot served by the running mirror, as iPXE and Ignition would walk it: {@code /boot.ipxe},
 * its {@code chain} with iPXE's settings filled in, every {@code kernel} and {@code initrd} URL of the answer
 * (each must be the verified bytes upstream published), and the {@code ignition.config.url}. Upstream is an
 * in-process release server with keys made for the test; the catalog is a real PostgreSQL.
 */
@MirrorApplicationTest(boards = {"stable/amd64-usr", "beta/amd64-usr"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootFlowEndToEndTest {

    static final String ADMIN = MirrorFixture.ADMIN_TOKEN;
    static final String MAC = "52-54-00-12-34-56";
    static final Map<String, byte[]> FILES = Map.of(IMAGE, MirrorFixture.random(300_000, 11), PXE_KERNEL, MirrorFixture.random(70_000, 12),
            PXE_INITRD, MirrorFixture.random(90_000, 13));
    static final String CONFIG = "{\"ignition\":{\"version\":\"3.5.0\"},\"passwd\":{\"users\":[{\"name\":\"core\","
            + "\"sshAuthorizedKeys\":[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBoot core@lab\"]}]}}";

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = JsonMapper.builder().build();
    private static FakeUpstream.Release published;

    @Autowired
    MirrorFixture mirror;

    @Test
    @Order(1)
    void aReleaseAConfigAndAProfileShouldBeSetUpThroughTheAdminApi() throws Exception {
        published = mirror.publish("stable/amd64-usr", "1000.2.0", FILES);
        mirror.publish("beta/amd64-usr", "1001.1.0", Map.of(IMAGE, MirrorFixture.random(1000, 14)));
        scheduler.pollNow("stable");
        scheduler.pollNow("beta");

        // A token, and networks that vouch for the machines inside them, so a profile's script may carry the token.
        assertThat(admin("PUT", "/admin/ignition/web?access=token&cidrs=127.0.0.0/8,::1/128", CONFIG).statusCode()).isEqualTo(201);
        HttpResponse<String> profile = admin("PUT", "/admin/profiles/node1", """
                {"selector": {"mac": "52-54-00-12-34-56"}, "channel": "stable", "board": "amd64-usr",
                 "ignition": "web", "kernelArgs": ["console=ttyS0", "flatcar.autologin"]}""");
        assertThat(profile.statusCode()).isEqualTo(201);
        assertThat(json.readTree(profile.body()).get("selector").get("mac").asString()).isEqualTo("52:54:00:12:34:56");
    }

    @Test
    @Order(2)
    void aMachineShouldBootFromBootIpxeToItsVerifiedKernelInitrdAndConfig() throws Exception {
        HttpResponse<String> boot = get("/boot.ipxe");
        assertThat(boot.statusCode()).isEqualTo(200);
        assertThat(boot.body()).isEqualTo("#!ipxe\nchain " + url("/ipxe?mac=${mac:hexhyp}&uuid=${uuid}&hostname=${hostname}") + "\n");

        // What iPXE requests after expanding its settings; unset ones expand to nothing.
        String chained = command(boot.body(), "chain").get(0)
                .replace("${mac:hexhyp}", MAC).replace("${uuid}", "").replace("${hostname}", "");
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(chained)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(script.body()).startsWith("#!ipxe\n").endsWith("boot\n");

        List<String> kernel = command(script.body(), "kernel");
        List<String> initrd = command(script.body(), "initrd");
        assertThat(kernel.get(0)).isEqualTo(url("/stable/amd64-usr/1000.2.0/" + PXE_KERNEL));
        assertThat(initrd).containsExactly(url("/stable/amd64-usr/1000.2.0/" + PXE_INITRD));
        assertThat(download(kernel.get(0))).isEqualTo(published.bytes(PXE_KERNEL));
        assertThat(download(initrd.get(0))).isEqualTo(published.bytes(PXE_INITRD));
        assertThat(download(kernel.get(0) + ".sig")).isEqualTo(published.bytes(PXE_KERNEL + ".sig"));

        List<String> args = kernel.subList(1, kernel.size());
        assertThat(args).startsWith("initrd=" + PXE_INITRD, "flatcar.first_boot=1").endsWith("console=ttyS0", "flatcar.autologin");
        String configUrl = args.stream().filter(arg -> arg.startsWith("ignition.config.url=")).findFirst().orElseThrow()
                .substring("ignition.config.url=".length());
        assertThat(configUrl).startsWith(url("/ignition/web.ign?token="));
        HttpResponse<byte[]> config = http.send(HttpRequest.newBuilder(URI.create(configUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).hasValue("application/vnd.coreos.ignition+json");
        assertThat(new String(config.body(), StandardCharsets.UTF_8)).isEqualTo(CONFIG);
    }

    @Test
    @Order(3)
    void macsShouldMatchWhateverTheirSeparatorAndCaseAndTwoProfilesMayNotShareASelector() throws Exception {
        assertThat(get("/ipxe?mac=52:54:00:12:34:56").statusCode()).isEqualTo(200);
        assertThat(get("/ipxe?mac=52-54-00-12-34-56&uuid=&hostname=").body()).contains(PXE_KERNEL);

        HttpResponse<String> clash = admin("PUT", "/admin/profiles/node1-again", """
                {"selector": {"mac": "52:54:00:12:34:56"}, "channel": "stable"}""");
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(clash.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(clash.body()).get("detail").asString()).contains("node1", "mac=52:54:00:12:34:56");
        assertThat(admin("GET", "/admin/profiles", null).body()).contains("node1").doesNotContain("node1-again");
    }

    @Test
    @Order(4)
    void anUnmatchedMachineShouldGetTheDefaultProfileOrA404() throws Exception {
        HttpResponse<String> unmatched = get("/ipxe?mac=52-54-00-ff-ff-ff");
        assertThat(unmatched.statusCode()).isEqualTo(404);
        assertThat(unmatched.body()).contains("no default profile");

        assertThat(admin("PUT", "/admin/ignition/default", "{\"ignition\":{\"version\":\"3.0.0\"}}").statusCode()).isEqualTo(201);
        assertThat(admin("PUT", "/admin/profiles/everyone-else", "{\"channel\": \"stable\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> fallback = get("/ipxe?mac=52-54-00-ff-ff-ff&hostname=unknown");
        assertThat(fallback.statusCode()).isEqualTo(200);
        assertThat(fallback.body()).contains("ignition.config.url=" + url("/ignition/default.ign")).doesNotContain("console=ttyS0");
        assertThat(get("/ipxe?mac=" + MAC).body()).as("the more specific profile still wins").contains("console=ttyS0");

        assertThat(admin("DELETE", "/admin/profiles/everyone-else", null).statusCode()).isEqualTo(204);
        assertThat(get("/ipxe?mac=52-54-00-ff-ff-ff").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void theChannelRouteShouldBootTheCurrentReleaseAndHandOutATokenOnlyToWhoeverMayHaveIt() throws Exception {
        HttpResponse<String> script = get("/ipxe/stable?board=amd64-usr&ignition=web");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(command(script.body(), "kernel")).contains(url("/stable/amd64-usr/1000.2.0/" + PXE_KERNEL), "flatcar.first_boot=1");

        String secret = json.readTree(admin("PUT", "/admin/ignition/secret?access=token", CONFIG).body()).get("url").asString();
        String token = secret.substring(secret.indexOf("token=") + 6);
        assertThat(get("/ipxe/stable?ignition=secret").statusCode()).as("a token config without networks: the token is required").isEqualTo(404);
        assertThat(get("/ipxe/stable?ignition=secret&token=" + token).body()).contains("ignition.config.url=" + secret);
        assertThat(get("/ipxe/stable?ignition=secret").body()).isEqualTo(get("/ipxe/stable?ignition=nothing-here").body()
                .replace("nothing-here", "secret"));
    }

    @Test
    @Order(6)
    void aChannelWithoutBothPxeFilesShouldAnswerA404Problem() throws Exception {
        HttpResponse<String> beta = get("/ipxe/beta");
        assertThat(beta.statusCode()).isEqualTo(404);
        assertThat(beta.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(beta.body()).get("detail").asString()).contains("1001.1.0", PXE_KERNEL);
        assertThat(get("/ipxe/edge").statusCode()).isEqualTo(404);
        assertThat(get("/ipxe/stable?board=arm64-usr").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void valuesThatIpxeWouldInterpretShouldBeRefusedNeverWrittenIntoAScript() throws Exception {
        for (String arg : List.of("console=ttyS0; reboot", "a\nshell", "${net0/ip}", "x&&y", "a b", "#comment", "'quoted'", "a||b")) {
            HttpResponse<String> put = admin("PUT", "/admin/profiles/bad", "{\"selector\":{\"hostname\":\"bad\"},\"channel\":\"stable\","
                    + "\"kernelArgs\":[\"console=ttyS0\"," + json.writeValueAsString(arg) + "]}");
            assertThat(put.statusCode()).as(arg).isEqualTo(400);
            assertThat(json.readTree(put.body()).get("detail").asString()).as(arg).contains("kernelArgs[1]");
        }
        assertThat(admin("GET", "/admin/profiles/bad", null).statusCode()).isEqualTo(404);
        for (String ignition : List.of("web;shell", "web ${x}", "web\nshell", "web&&reboot", "../web")) {
            HttpResponse<String> script = get("/ipxe/stable?ignition=" + URLEncoder.encode(ignition, StandardCharsets.UTF_8));
            assertThat(script.statusCode()).as(ignition).isEqualTo(404);
            assertThat(script.body()).as(ignition).doesNotContain("#!ipxe");
        }
        assertThat(get("/ipxe?mac=" + URLEncoder.encode("52-54-00-12-34-56\nshell", StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(rawGet("/boot.ipxe", "evil${x}.example")).startsWith("HTTP/1.1 400");
        assertThat(rawGet("/boot.ipxe", "127.0.0.1:" + port)).startsWith("HTTP/1.1 200").contains("chain http://127.0.0.1:" + port + "/ipxe?");
    }

    @Test
    @Order(8)
    void forwardedHeadersShouldBeIgnoredUnlessTheForwardHeadersStrategySaysOtherwise() throws Exception {
        HttpResponse<String> boot = http.send(HttpRequest.newBuilder(URI.create(url("/boot.ipxe"))).header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").header("Forwarded", "host=evil.example;proto=https").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(boot.body()).contains("chain " + url("/ipxe?")).doesNotContain("evil");
    }

    @Test
    @Order(9)
    void theStreamShouldReadAsFedoraCoreOsStreamMetadata() throws Exception {
        HttpResponse<String> response = get("/streams/stable.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stream = json.readTree(response.body());
        assertThat(stream.propertyNames()).containsExactly("stream", "metadata", "architectures");
        assertThat(stream.get("stream").asString()).isEqualTo("stable");
        assertThat(stream.get("metadata").get("last-modified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        JsonNode metal = stream.get("architectures").get("x86_64").get("artifacts").get("metal");
        assertThat(metal.get("release").asString()).isEqualTo("1000.2.0");
        assertThat(metal.get("formats").propertyNames()).containsExactlyInAnyOrder("raw.bz2", "pxe");
        assertFile(metal.get("formats").get("raw.bz2").get("disk"), IMAGE);
        assertFile(metal.get("formats").get("pxe").get("kernel"), PXE_KERNEL);
        assertFile(metal.get("formats").get("pxe").get("initramfs"), PXE_INITRD);
        assertThat(stream.get("architectures").has("aarch64")).as("arm64-usr is not mirrored here").isFalse();
        assertThat(get("/streams/beta.json").body()).contains("\"release\":\"1001.1.0\"").doesNotContain("pxe");
        assertThat(get("/streams/edge.json").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void theReleasesFeedShouldListPublishedReleasesAsAtom() throws Exception {
        HttpResponse<String> feed = get("/channels/stable/releases.atom");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document document = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("feed");
        org.w3c.dom.NodeList entries = document.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(1);
        org.w3c.dom.Element entry = (org.w3c.dom.Element) entries.item(0);
        assertThat(entry.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo("Flatcar stable 1000.2.0 (amd64-usr)");
        assertThat(entry.getElementsByTagNameNS("*", "id").item(0).getTextContent()).isEqualTo(url("/stable/amd64-usr/1000.2.0/"));
        assertThat(get("/channels/edge/releases.atom").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(11)
    void aShellUserShouldFindTheImageWithJqAndCheckItWithSha256sum() throws Exception {
        Path stream = Files.writeString(Files.createTempFile("stream-", ".json"), get("/streams/stable.json").body());
        Path image = Files.createTempFile("image-", ".bin.bz2");

        String location = run("jq", "-r", ".architectures.x86_64.artifacts.metal.formats[\"raw.bz2\"].disk.location", stream.toString()).strip();
        String expected = run("jq", "-r", ".architectures.x86_64.artifacts.metal.formats[\"raw.bz2\"].disk.sha256", stream.toString()).strip();
        Files.write(image, download(location));
        String sum = run("sha256sum", image.toString()).split(" ")[0];

        assertThat(location).isEqualTo(url("/stable/amd64-usr/1000.2.0/" + IMAGE));
        assertThat(sum).isEqualTo(expected).isEqualTo(sha256(FILES.get(IMAGE)));
    }

    /** Runs a real tool; missing, it fails the test on CI (CI=true) and skips it elsewhere. */
    private static String run(String... command) throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command[0])));
        if (!installed) {
            assertThat("true".equals(System.getenv("CI"))).as(command[0] + " must be installed on CI (apt-get install " + command[0] + ")").isFalse();
            Assumptions.abort(command[0] + " is not installed");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }

    private void assertFile(JsonNode file, String name) throws Exception {
        assertThat(file.propertyNames()).containsExactly("location", "signature", "sha256");
        assertThat(file.get("location").asString()).isEqualTo(url("/stable/amd64-usr/1000.2.0/" + name));
        assertThat(file.get("signature").asString()).isEqualTo(url("/stable/amd64-usr/1000.2.0/" + name + ".sig"));
        assertThat(file.get("sha256").asString()).isEqualTo(sha256(published.bytes(name)));
        assertThat(download(file.get("signature").asString())).isEqualTo(published.bytes(name + ".sig"));
    }

    /** The words of the first line starting with {@code name}, without it. */
    static List<String> command(String script, String name) {
        Optional<String> line = script.lines().filter(candidate -> candidate.startsWith(name + " ")).findFirst();
        assertThat(line).as("a '%s' line in%n%s", name, script).isPresent();
        List<String> words = Arrays.asList(line.get().split(" "));
        return words.subList(1, words.size());
    }

    private byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a Host header of our choosing, which java.net.http does not allow. */
    private String rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    static String sha256(byte[] content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    }
}
