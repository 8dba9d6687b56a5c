package dev.flatcarmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/../b", "a//b", "/a", "a/", ".staging/x", "a/.hidden", "a\\b", "a\u0000b", "a\nb", "a b", ""})
    void unsafeKeyShouldBeRefused(String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ObjectKey(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2", "lts/arm64-usr/1.3.0+dev/version.txt.sig"})
    void keyInUpstreamLayoutShouldBeAccepted(String key) {
        assertThat(new ObjectKey(key).value()).isEqualTo(key);
    }
}
