package dev.flatcarmirror.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.flatcarmirror.testsupport.Prerequisite;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.upstream.UpstreamFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Flatcar key and signatures that Flatcar's build system made, read from the shared
 * folder beside the checkout (never copied into the project).
 */
class GenuineFlatcarSignatureTest {

    private static final Path SHARED = Path.of("..", "shared", "flatcar");

    private SignatureVerifier verifier;
    private byte[] versionTxt;

    @BeforeEach
    void setUp() throws IOException {
        Prerequisite.require(Files.isDirectory(SHARED), "../shared/flatcar (the genuine Flatcar key and signatures)",
                "MIRROR_REQUIRE_FLATCAR_FILES", "check out the shared folder beside this clone");
        SigningProperties properties = new SigningProperties(List.of(SigningProperties.FLATCAR_PRIMARY_FINGERPRINT), "",
                List.of(SHARED.resolve("Flatcar_Image_Signing_Key.asc")), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofDays(42), Duration.ofDays(30));
        Clock clock = Clock.systemUTC();
        verifier = new SignatureVerifier(new SigningKeyring(properties, url -> {
            throw new UpstreamException(UpstreamFailure.NETWORK_ERROR, "no network in this test");
        }, clock), properties, clock);
        versionTxt = Files.readAllBytes(SHARED.resolve("genuine-signatures/version.txt"));
    }

    @Test
    void signatureOfSinceExpiredSubkeyShouldBeAcceptedAsMadeWhileValid() throws Exception {
        Verification verification = verify(versionTxt, "version.txt.valid-subkey-628CC212.sig");

        assertThat(verification.signingKeyFingerprint()).isEqualTo("628CC212938065DAB4E3B949A8ABF005896E394F");
        assertThat(verification.primaryKeyFingerprint()).isEqualTo(SigningProperties.FLATCAR_PRIMARY_FINGERPRINT);
        assertThat(verification.signatureCreatedAt()).isBefore(Instant.parse("2018-10-06T00:00:00Z"));
    }

    @Test
    void genuineSignatureShouldHashWithSha256AndHandOutTheFilesSha256() throws Exception {
        SignatureCheck check = verifier.begin(signature("version.txt.valid-subkey-628CC212.sig"));
        check.update(versionTxt, 0, versionTxt.length);

        check.finish();

        assertThat(check.documentDigestAlgorithm()).hasValue("SHA-256");
        assertThat(check.documentDigest()).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(versionTxt));
    }

    @Test
    void armoredSignatureShouldBeAcceptedToo() throws Exception {
        assertThat(verify(versionTxt, "version.txt.valid-subkey-628CC212.asc").signingKeyFingerprint())
                .isEqualTo("628CC212938065DAB4E3B949A8ABF005896E394F");
    }

    @Test
    void signatureByCompromisedSubkeyA621F1DAShouldBeRejectedAsRevoked() {
        assertThatExceptionOfType(SignatureRejectedException.class)
                .isThrownBy(() -> verify(versionTxt, "version.txt.revoked-subkey-A621F1DA.asc"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectionReason.KEY_REVOKED));
    }

    @Test
    void signatureByCompromisedSubkey1E100DD7ShouldBeRejectedAsRevoked() {
        assertThatExceptionOfType(SignatureRejectedException.class)
                .isThrownBy(() -> verify(versionTxt, "version.txt.revoked-subkey-1E100DD7.asc"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectionReason.KEY_REVOKED));
    }

    @Test
    void genuineSignatureOverAlteredContentShouldBeRejectedAsBad() {
        byte[] altered = versionTxt.clone();
        altered[0] ^= 1;

        assertThatExceptionOfType(SignatureRejectedException.class)
                .isThrownBy(() -> verify(altered, "version.txt.valid-subkey-628CC212.sig"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE));
    }

    @Test
    void genuineSignatureShouldBeRejectedWhenFlatcarPrimaryIsNotPinned() throws IOException {
        SigningProperties otherPin = new SigningProperties(List.of("0000000000000000000000000000000000000000"), "",
                List.of(SHARED.resolve("Flatcar_Image_Signing_Key.asc")), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofDays(42), Duration.ofDays(30));
        SignatureVerifier pinnedElsewhere = new SignatureVerifier(new SigningKeyring(otherPin, url -> new byte[0], Clock.systemUTC()),
                otherPin, Clock.systemUTC());

        assertThatExceptionOfType(SignatureRejectedException.class)
                .isThrownBy(() -> pinnedElsewhere.begin(signature("version.txt.valid-subkey-628CC212.sig")))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectionReason.NO_TRUSTED_KEY));
    }

    private Verification verify(byte[] document, String signatureFile) throws Exception {
        SignatureCheck check = verifier.begin(signature(signatureFile));
        // Fed in small uneven chunks, as a download arrives.
        for (int offset = 0; offset < document.length; offset += 7) {
            check.update(document, offset, Math.min(7, document.length - offset));
        }
        return check.finish();
    }

    private static byte[] signature(String name) throws IOException {
        return Files.readAllBytes(SHARED.resolve("genuine-signatures").resolve(name));
    }
}
