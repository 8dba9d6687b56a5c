package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.Gpg;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.TestSigningKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code flatcar-install} runs {@code gpg --verify} on exactly the bytes the mirror serves, with the key the mirror
 * serves. So the mirror must never publish a {@code .sig} that gpg would fail, and what it does publish must pass.
 * Runs the real gpg (required under CI).
 */
@ExtendWith(Gpg.Installed.class)
@MirrorApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GpgInteropTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";

    @Autowired
    MirrorHttp http;

    @Autowired
    MirrorFixture mirror;

    @Autowired
    PollScheduler scheduler;

    private Gpg gpg;

    @BeforeEach
    void gpgWithTheMirrorsKey() throws Exception {
        gpg = Gpg.require();
        // The key as a client gets it from the mirror (flatcar-install -k), not from the test's own copy.
        MirrorHttp.Response key = http.get("/keys/signing-key.asc");
        assertThat(key.statusCode()).isEqualTo(200);
        gpg.importKey(key.text());
    }

    @Test
    @Order(1)
    void signatureFileWithOneGoodAndOneBadSignatureShouldFailGpgAndBeRefusedByTheMirror(FakeUpstream upstream, TestSigningKey key)
            throws Exception {
        byte[] image = MirrorFixture.random(60_000, 31);
        FakeUpstream.Release release = mirror.publish("stable/amd64-usr", "9100.2.0", Map.of(IMAGE, image));
        byte[] goodAndBad = concat(key.sign(image), key.sign("something else".getBytes(StandardCharsets.UTF_8)));
        upstream.put(release.path(IMAGE + ".sig"), goodAndBad);

        assertThat(gpg.verify(goodAndBad, image).verified()).as("gpg --verify on a good and a bad signature").isFalse();
        assertThat(gpg.verify(key.sign(image), image).verified()).as("gpg --verify on the good one alone").isTrue();

        scheduler.pollNow("stable");

        Map<?, ?> refused = http.get("/channels/stable/releases/9100.2.0").json(Map.class);
        assertThat(refused.get("state")).isEqualTo("FAILED");
        assertThat(refused.get("failureReason")).isEqualTo("bad_signature");
        assertThat(http.get("/stable/amd64-usr/9100.2.0/" + IMAGE + ".sig").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void everyFileTheMirrorPublishesShouldVerifyWithGpg() throws Exception {
        mirror.publish("stable/amd64-usr", "9100.2.1", Map.of(IMAGE, MirrorFixture.random(60_000, 32)));

        scheduler.pollNow("stable");

        for (String file : List.of("version.txt", IMAGE)) {
            String path = "/stable/amd64-usr/9100.2.1/" + file;
            MirrorHttp.Response content = http.get(path);
            MirrorHttp.Response signature = http.get(path + ".sig");
            assertThat(content.statusCode()).as(path).isEqualTo(200);
            assertThat(signature.statusCode()).as(path + ".sig").isEqualTo(200);
            Gpg.Result result = gpg.verify(signature.body(), content.body());
            assertThat(result.verified()).as("gpg --verify %s.sig %s:\n%s", file, file, result.output()).isTrue();
            assertThat(result.output()).contains("[GNUPG:] GOODSIG").doesNotContain("BADSIG");
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
