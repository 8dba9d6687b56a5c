package dev.flatcarmirror.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import dev.flatcarmirror.admin.AdminSecurityConfiguration;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.channel.PublicUrls;
import dev.flatcarmirror.ignition.ConfigSummary;
import dev.flatcarmirror.ignition.IgnitionConfigs;
import dev.flatcarmirror.ignition.VersionView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The config page in a web slice, the configs a mock (the running app's page is in ProvisioningPagesBrowserTest). */
@WebMvcTest(controllers = ConfigPageController.class, properties = {
        "mirror.admin.token=" + ConfigPageTest.ADMIN,
        "mirror.public-url=http://mirror.example:8080",
        "mirror.channels[0].name=stable",
        "mirror.channels[0].base-url=https://stable.release.example"})
@Import({AdminSecurityConfiguration.class, Channels.class, dev.flatcarmirror.release.ServedChannels.class, PublicUrls.class})
@EnableConfigurationProperties({MirrorProperties.class, dev.flatcarmirror.release.ReleaseControlProperties.class})
class ConfigPageTest {

    static final String ADMIN = "config-page-admin-token-0123456789";
    static final String TOKEN = "s3cretT0kenValue_abcdefghijklmnopqrstuvwxy";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    IgnitionConfigs configs;

    @BeforeEach
    void webHasTwoVersionsAndNeedsAToken() {
        Instant at = Instant.parse("2026-12-01T20:00:00Z");
        given(configs.summary("web")).willReturn(new ConfigSummary("web", 2, "b".repeat(64), 120, at, TOKEN, List.of("10.0.0.0/8")));
        given(configs.pageUrl("http://mirror.example:8080", "web", null))
                .willReturn(Optional.of("http://mirror.example:8080/ignition/web.ign?token=<redacted>"));
        given(configs.history("web")).willReturn(List.of(new VersionView(2, at, 120, "b".repeat(64), "rotate ssh key"),
                new VersionView(1, at.minusSeconds(3600), 110, "a".repeat(64), "first cut")));
        given(configs.content("web", 1)).willReturn("{\"ignition\":{\"version\":\"3.4.0\"},\"passwd\":{\"users\":[{\"name\":\"core\",\"groups\":[\"wheel\"]}]}}");
        given(configs.content("web", 2)).willReturn("{\"ignition\":{\"version\":\"3.4.0\"},\"passwd\":{\"users\":[{\"name\":\"core\",\"groups\":[\"docker\"]}]}}");
    }

    @Test
    void pageShouldShowTheRedactedUrlKernelArgumentsSnippetsVersionsAndTheDiffOfTheLastChange() {
        MvcTestResult result = mvc.get().uri("/admin/ignition/web/page").header("Authorization", "Bearer " + ADMIN)
                .accept(MediaType.TEXT_HTML).exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        assertThat(result).bodyText()
                .contains("<code class=\"copy\" id=\"config-url\">http://mirror.example:8080/ignition/web.ign?token=&lt;redacted&gt;</code>")
                .contains("initrd=flatcar_production_pxe_image.cpio.gz flatcar.first_boot=1 "
                        + "ignition.config.url=http://mirror.example:8080/ignition/web.ign?token=&lt;redacted&gt;")
                .contains("chain http://mirror.example:8080/ipxe/stable?board=amd64-usr&amp;ignition=web&amp;token=&lt;redacted&gt;")
                .contains("token required", "10.0.0.0/8")
                .contains("rotate ssh key", "first cut", "href=\"/admin/ignition/web/page?from=1&amp;to=2\"")
                .contains("<span class=\"removed\">- ", "&quot;wheel&quot;", "<span class=\"added\">+ ", "&quot;docker&quot;")
                .doesNotContain(TOKEN);
    }

    @Test
    void aDiffBetweenAnyTwoVersionsShouldBeOffered() {
        assertThat(mvc.get().uri("/admin/ignition/web/page?from=2&to=1").header("Authorization", "Bearer " + ADMIN).exchange())
                .bodyText().contains("Changes from version <span>2</span> to <span>1</span>")
                .contains("<span class=\"added\">+ ", "&quot;wheel&quot;");
    }

    @Test
    void thePageShouldNeedTheAdminCredentials() {
        assertThat(mvc.get().uri("/admin/ignition/web/page").exchange()).hasStatus(401);
    }
}
