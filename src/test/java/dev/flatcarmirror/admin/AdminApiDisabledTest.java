package dev.flatcarmirror.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.testsupport.MirrorHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Without {@code mirror.admin.token} the admin API refuses everyone, whatever they send. */
@ExtendWith(OutputCaptureExtension.class)
@WebMvcTest(controllers = AdminController.class, properties = {
        "mirror.admin.token=",
        "mirror.channels[0].name=stable",
        "mirror.channels[0].base-url=http://upstream.invalid/stable"})
@Import({AdminSecurityConfiguration.class, Channels.class})
@EnableConfigurationProperties(MirrorProperties.class)
class AdminApiDisabledTest {

    private static final String SYNC = "/admin/channels/stable/sync";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    AdminSyncs syncs;

    @Test
    void syncShouldBeUnauthorizedSayingTheAdminApiIsDisabled() {
        MvcTestResult result = mvc.post().uri(SYNC).exchange();

        assertThat(result).hasStatus(401);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("disabled").contains("mirror.admin.token");
    }

    @Test
    void syncWithAnEmptyBearerTokenOrEmptyBasicPasswordShouldBeUnauthorized() {
        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, "Bearer ")).hasStatus(401);
        assertThat(mvc.post().uri(SYNC).header(HttpHeaders.AUTHORIZATION, MirrorHttp.basic("admin", ""))).hasStatus(401);
        then(syncs).should(never()).request(anyString(), anyString());
    }

    @Test
    void startUpShouldWarnThatTheAdminApiIsDisabled(CapturedOutput output) {
        assertThat(output).contains("mirror.admin.token is not set: the admin API (/admin/**) is disabled");
    }
}
