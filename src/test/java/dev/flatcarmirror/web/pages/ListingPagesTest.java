package dev.flatcarmirror.web.pages;

import static dev.flatcarmirror.web.pages.CatalogFixtures.IMAGE;
import static dev.flatcarmirror.web.pages.CatalogFixtures.INITRD;
import static dev.flatcarmirror.web.pages.CatalogFixtures.KERNEL;
import static dev.flatcarmirror.web.pages.CatalogFixtures.SHA256;
import static dev.flatcarmirror.web.pages.CatalogFixtures.SHA512;
import static dev.flatcarmirror.web.pages.CatalogFixtures.absent;
import static dev.flatcarmirror.web.pages.CatalogFixtures.downloading;
import static dev.flatcarmirror.web.pages.CatalogFixtures.failing;
import static dev.flatcarmirror.web.pages.CatalogFixtures.fresh;
import static dev.flatcarmirror.web.pages.CatalogFixtures.published;
import static dev.flatcarmirror.web.pages.CatalogFixtures.rejected;
import static dev.flatcarmirror.web.pages.CatalogFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.sync.DownloadProgress;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = {ListingPages.class, ListingApi.class}, properties = {
        "mirror.channels[0].name=stable",
        "mirror.channels[0].base-url=https://stable.release.example",
        "mirror.channels[0].boards=amd64-usr,arm64-usr",
        "mirror.channels[1].name=beta",
        "mirror.channels[1].base-url=https://beta.release.example"})
@Import(PagesSliceConfiguration.class)
@WithMockUser
class ListingPagesTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryMirrorState state;

    private final ReleaseView current = published("1000.2.0", true, verified("1000.2.0", IMAGE, 1_048_699),
            verified("1000.2.0", KERNEL, 70_000), verified("1000.2.0", INITRD, 90_000), verified("1000.2.0", "version.txt", 202));

    @BeforeEach
    void stableHasThreeReleasesOfEveryState() {
        state.reset();
        state.boards("stable", fresh("amd64-usr", "1000.2.0"),
                failing("arm64-usr", "upstream_status", "https://stable.release.example/arm64-usr/current/version.txt answered 404"));
        state.releases(downloading("1000.2.2", verified("1000.2.2", "version.txt", 202)),
                rejected("1000.2.1", "bad_signature", "signature of flatcar_production_pxe.vmlinuz does not verify"),
                current);
    }

    @Test
    void indexShouldShowEveryChannelAndBoardWithCurrentVersionFreshnessAndLastCheck() {
        MvcTestResult result = html("/");

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        assertThat(result).bodyText()
                .contains("<a href=\"/stable/\">stable</a>", "<a class=\"board\" href=\"/stable/amd64-usr/\">amd64-usr</a>")
                .contains("href=\"/stable/amd64-usr/1000.2.0/\">1000.2.0</a>")
                .contains("<time datetime=\"2026-08-12T09:30:00Z\">2026-08-12 09:30 UTC</time>")
                .contains("5 minutes ago")
                .contains(">Fresh<", ">Failing<", ">Pending<")
                .contains("upstream_status", "arm64-usr/current/version.txt answered 404")
                .contains("href=\"/beta/amd64-usr/\"")
                .contains("href=\"/swagger-ui/index.html\"", "href=\"/v3/api-docs\"");
    }

    @Test
    void pagesShouldCarryTheStrictContentSecurityPolicyAndLoadOnlyTheirOwnStylesheet() {
        MvcTestResult result = html("/");

        assertThat(result).hasHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(result).bodyText().contains("<link rel=\"stylesheet\" href=\"/assets/mirror.css\">")
                .doesNotContain("<script", "http://", "https://fonts", "style=\"");
    }

    @Test
    void indexShouldEscapeErrorTextFromUpstream() {
        state.boards("beta", failing("amd64-usr", "upstream_status", "<script>alert('x')</script> answered 502"));

        assertThat(html("/")).bodyText()
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; answered 502")
                .doesNotContain("<script>");
    }

    @Test
    void channelPageShouldListEachBoardsReleasesNewestFirstWithStateDateAndSize() throws Exception {
        MvcTestResult result = html("/stable/");

        assertThat(result).hasStatusOk();
        String body = result.getResponse().getContentAsString();
        assertThat(body).contains("<h2 id=\"board-amd64-usr\">", "<h2 id=\"board-arm64-usr\">")
                .contains(">in progress<", ">rejected<", ">published<", ">current<")
                .contains("bad_signature", "signature of flatcar_production_pxe.vmlinuz does not verify")
                .contains("<data value=\"1208901\" title=\"1,208,901 bytes\">1.2 MiB</data>");
        assertThat(body.indexOf("1000.2.2/")).isLessThan(body.indexOf("1000.2.1/"));
        assertThat(body.indexOf("1000.2.1/")).isLessThan(body.indexOf("1000.2.0/<"));
    }

    @Test
    void boardPageShouldListCurrentFirstThenEveryVersion() {
        MvcTestResult result = html("/stable/amd64-usr/");

        assertThat(result).hasStatusOk();
        assertThat(result).bodyText()
                .contains("<a href=\"/stable/amd64-usr/current/\">current/</a>")
                .contains("href=\"/stable/amd64-usr/1000.2.2/\">1000.2.2/</a>")
                .contains("<time datetime=\"2026-08-12T11:59:00Z\">2026-08-12 11:59 UTC</time>")
                .contains("First seen", "Published");
    }

    @Test
    void versionPageShouldShowEachFileWithSizeChecksumsSignatureAndLinks() {
        MvcTestResult result = html("/stable/amd64-usr/1000.2.0/");

        assertThat(result).hasStatusOk();
        assertThat(result).bodyText()
                .contains("<tr id=\"file-flatcar_production_image.bin.bz2\" class=\"verified\">")
                .contains("href=\"/stable/amd64-usr/1000.2.0/flatcar_production_image.bin.bz2\"")
                .contains("href=\"/stable/amd64-usr/1000.2.0/flatcar_production_image.bin.bz2.sig\"")
                .contains("<data value=\"1048699\" title=\"1,048,699 bytes\">1.0 MiB</data>")
                .contains("<code class=\"hash sha256\">" + SHA256 + "</code>", "<code class=\"hash sha512\">" + SHA512 + "</code>")
                .contains("<code class=\"fingerprint\">52F1 45DF D00B BDCD 928C BB5A 32DA 80F9 1EF5 2974</code>")
                .contains("<time datetime=\"2026-08-11T09:30:00Z\">2026-08-11 09:30 UTC</time>")
                .contains("FLATCAR_BUILD_ID");
    }

    @Test
    void versionPageShouldOfferCommandsWithThisMirrorsUrl() {
        assertThat(html("/stable/amd64-usr/1000.2.0/")).bodyText()
                .contains("curl -O http://localhost/stable/amd64-usr/1000.2.0/flatcar_production_image.bin.bz2 "
                        + "-O http://localhost/stable/amd64-usr/1000.2.0/flatcar_production_image.bin.bz2.sig")
                .contains("flatcar-install -b http://localhost/stable/amd64-usr -V 1000.2.0 -d /dev/sda")
                .contains("kernel http://localhost/stable/amd64-usr/1000.2.0/flatcar_production_pxe.vmlinuz "
                        + "initrd=flatcar_production_pxe_image.cpio.gz flatcar.first_boot=1 ignition.config.url=https://example.com/pxe-config.ign\n"
                        + "initrd http://localhost/stable/amd64-usr/1000.2.0/flatcar_production_pxe_image.cpio.gz\nboot")
                .contains("<code class=\"copy\" id=\"kernel-args\">initrd=flatcar_production_pxe_image.cpio.gz flatcar.first_boot=1 "
                        + "ignition.config.url=https://example.com/pxe-config.ign</code>")
                .contains("#!ipxe\nchain http://localhost/ipxe/stable?board=amd64-usr\n")
                .contains("PUT /admin/ignition/default");
    }

    @Test
    void versionPageShouldShowTheDefaultConfigsUrlWithItsTokenRedacted() {
        state.setDefaultConfigUrl("stable", "MIRROR/ignition/default.ign?token=<redacted>");

        assertThat(html("/stable/amd64-usr/1000.2.0/")).bodyText()
                .contains("flatcar.first_boot=1 ignition.config.url=http://localhost/ignition/default.ign?token=&lt;redacted&gt;\n")
                .contains("<code id=\"config-url\">http://localhost/ignition/default.ign?token=&lt;redacted&gt;</code>")
                .doesNotContain("example.com/pxe-config.ign");
    }

    @Test
    void versionPageShouldLeaveOutIpxeWhenTheInitrdIsNotMirrored() {
        state.releases(published("1000.2.0", true, verified("1000.2.0", IMAGE, 1000), verified("1000.2.0", KERNEL, 1000),
                absent(INITRD)));

        assertThat(html("/stable/amd64-usr/1000.2.0/")).bodyText()
                .contains("flatcar-install -b")
                .contains("<tr id=\"file-flatcar_production_pxe_image.cpio.gz\" class=\"absent\">", "Not published upstream")
                .doesNotContain("#!ipxe");
    }

    @Test
    void versionPageOfAReleaseBeingDownloadedShouldShowProgressAndServeNoLinks() {
        state.transfer(new DownloadProgress.Transfer("stable/amd64-usr/1000.2.2/" + IMAGE, IMAGE, 524_288, 1_048_576,
                CatalogFixtures.NOW));

        MvcTestResult result = html("/stable/amd64-usr/1000.2.2/");

        assertThat(result).hasStatusOk();
        assertThat(result).bodyText()
                .contains(">in progress<", "Reload the page to update")
                .contains("<progress value=\"524288\" max=\"1048576\" aria-label=\"flatcar_production_image.bin.bz2: 50%\">")
                .contains("512.0 KiB", "of <span>1.0 MiB</span>")
                .doesNotContain("href=\"/stable/amd64-usr/1000.2.2/version.txt\"", "curl -O");
    }

    @Test
    void versionPageOfARejectedReleaseShouldSayWhy() {
        state.releases(rejected("1000.2.1", "bad_signature", "signature of <b>kernel</b> does not verify"));

        assertThat(html("/stable/amd64-usr/1000.2.1/")).bodyText()
                .contains("<strong>Rejected:</strong> <code>bad_signature</code>")
                .contains("signature of &lt;b&gt;kernel&lt;/b&gt; does not verify")
                .doesNotContain("curl -O");
    }

    @Test
    void currentShouldRedirectToTheCurrentVersionsPage() {
        assertThat(html("/stable/amd64-usr/current/")).hasStatus(HttpStatus.FOUND)
                .hasRedirectedUrl("/stable/amd64-usr/1000.2.0/")
                .hasHeader("Cache-Control", "no-cache");
    }

    @Test
    void directoryWithoutItsSlashShouldRedirectToTheDirectory() {
        assertThat(html("/stable")).hasStatus(HttpStatus.MOVED_PERMANENTLY).hasRedirectedUrl("/stable/");
        assertThat(html("/stable/amd64-usr")).hasStatus(HttpStatus.MOVED_PERMANENTLY).hasRedirectedUrl("/stable/amd64-usr/");
        assertThat(html("/stable/amd64-usr/1000.2.0")).hasStatus(HttpStatus.MOVED_PERMANENTLY)
                .hasRedirectedUrl("/stable/amd64-usr/1000.2.0/");
    }

    @Test
    void unknownChannelShouldAnswerANotFoundPageToBrowsers() {
        MvcTestResult result = html("/edge/");

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        assertThat(result).bodyText().contains("<h1>Unknown channel</h1>", "channel &#39;edge&#39; is not mirrored here",
                "<a href=\"/\">See every channel");
    }

    @Test
    void unknownChannelWithoutSlashShouldAnswerNotFoundRatherThanRedirect() {
        assertThat(html("/edge")).hasStatus(HttpStatus.NOT_FOUND).bodyText().contains("Unknown channel");
    }

    @Test
    void unknownBoardAndVersionShouldAnswerNotFoundPages() {
        assertThat(html("/stable/riscv-usr/")).hasStatus(HttpStatus.NOT_FOUND).bodyText().contains("<h1>Unknown board</h1>");
        assertThat(html("/stable/amd64-usr/9999.2.0/")).hasStatus(HttpStatus.NOT_FOUND).bodyText()
                .contains("<h1>Unknown release</h1>", "has no release &#39;9999.2.0&#39;");
    }

    @Test
    void notFoundPageShouldEscapeTheNameItWasAskedFor() {
        assertThat(mvc.get().uri(URI.create("/stable/%3Cimg%20src=x%3E/")).accept(MediaType.TEXT_HTML).exchange()).hasStatus(HttpStatus.NOT_FOUND).bodyText()
                .contains("board &#39;&lt;img src=x&gt;&#39;")
                .doesNotContain("<img");
    }

    @Test
    void unknownChannelShouldAnswerProblemJsonToJsonClients() {
        MvcTestResult result = mvc.get().uri("/edge/").accept(MediaType.APPLICATION_JSON).exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown channel");
    }

    @Test
    void clientAcceptingAnythingShouldGetTheHtmlPage() {
        assertThat(mvc.get().uri("/stable/").accept(MediaType.ALL).exchange())
                .hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    @Test
    void boardWithoutStatusYetShouldShowAsPending() {
        state.boards("stable", new BoardStatus("amd64-usr", null, null, null, null, null));

        assertThat(html("/stable/")).bodyText().contains(">Pending<", "nothing published yet", "not yet");
    }

    private MvcTestResult html(String path) {
        return mvc.get().uri(path).accept(MediaType.TEXT_HTML, MediaType.parseMediaType("application/xhtml+xml"),
                MediaType.parseMediaType("*/*;q=0.8")).exchange();
    }
}
