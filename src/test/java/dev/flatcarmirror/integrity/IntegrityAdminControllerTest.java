package dev.flatcarmirror.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;

import dev.flatcarmirror.admin.AdminSecurityConfiguration;
import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.catalog.QuarantinedFile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The at-rest check's admin endpoints, behind the application's real admin security. */
@WebMvcTest(controllers = IntegrityAdminController.class, properties = "mirror.admin.token=" + IntegrityAdminControllerTest.TOKEN)
@Import(AdminSecurityConfiguration.class)
class IntegrityAdminControllerTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String ADMIN = "Bearer " + TOKEN;

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    AtRestVerifier verifier;

    @MockitoBean
    Catalog catalog;

    @Test
    void reverifyShouldBeAcceptedAndStartAPassInTheBackground() throws Exception {
        given(verifier.isRunning()).willReturn(false);

        assertThat(mvc.post().uri("/admin/reverify").header(HttpHeaders.AUTHORIZATION, ADMIN)).hasStatus(202)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson().isStrictlyEqualTo("{\"status\": \"started\"}");
        then(verifier).should(timeout(5000)).verifyAll();
    }

    @Test
    void reverifyWhileAPassIsRunningShouldBeAcceptedWithoutStartingAnother() throws Exception {
        given(verifier.isRunning()).willReturn(true);

        assertThat(mvc.post().uri("/admin/reverify").header(HttpHeaders.AUTHORIZATION, ADMIN)).hasStatus(202)
                .bodyJson().isStrictlyEqualTo("{\"status\": \"already running\"}");
        then(verifier).should(after(200).never()).verifyAll();
    }

    @Test
    void reverifyWithoutTheTokenShouldBeUnauthorizedAndStartNothing() throws Exception {
        assertThat(mvc.post().uri("/admin/reverify")).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/admin/reverify").header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token-0123456789")).hasStatus(401);
        then(verifier).should(never()).isRunning();
        then(verifier).should(never()).verifyAll();
    }

    @Test
    void quarantineShouldListTheQuarantinedFilesAsJson() {
        given(catalog.quarantined()).willReturn(List.of(new QuarantinedFile("stable", "amd64-usr", "4593.2.5",
                "flatcar_production_image.bin.bz2", "changed_on_disk", "SHA-256 is now 00ff", Instant.parse("2026-08-12T10:00:00Z"))));

        assertThat(mvc.get().uri("/admin/quarantine").header(HttpHeaders.AUTHORIZATION, ADMIN)).hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson().isStrictlyEqualTo("""
                        [{"channel": "stable", "board": "amd64-usr", "version": "4593.2.5", "file": "flatcar_production_image.bin.bz2",
                          "reason": "changed_on_disk", "detail": "SHA-256 is now 00ff", "quarantinedAt": "2026-08-12T10:00:00Z"}]""");
    }

    @Test
    void quarantineWhenNothingIsQuarantinedShouldBeAnEmptyList() {
        given(catalog.quarantined()).willReturn(List.of());

        assertThat(mvc.get().uri("/admin/quarantine").header(HttpHeaders.AUTHORIZATION, ADMIN)).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("[]");
    }

    @Test
    void quarantineWithoutTheTokenShouldBeUnauthorized() {
        assertThat(mvc.get().uri("/admin/quarantine")).hasStatus(401);
        then(catalog).should(never()).quarantined();
    }
}
