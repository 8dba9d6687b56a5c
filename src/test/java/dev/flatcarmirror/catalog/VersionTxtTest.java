package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.flatcarmirror.testsupport.Prerequisite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTxtTest {

    private static final Path REAL = Path.of("..", "shared", "flatcar", "version-txt");

    @Test
    void realStableVersionTxtShouldParseAllSevenKeys() throws Exception {
        VersionTxt parsed = VersionTxt.parse(real("stable-amd64-3510.2.8.version.txt"));

        assertThat(parsed.version()).isEqualTo(new ReleaseVersion("3510.2.8"));
        assertThat(parsed.values()).containsEntry("FLATCAR_BUILD_ID", "2023-09-19-1914").hasSize(7);
    }

    @Test
    void legacyCoreosVersionTxtShouldGiveItsVersion() throws Exception {
        VersionTxt parsed = VersionTxt.parse(real("legacy-coreos-723.1.0.version.txt"));

        assertThat(parsed.version().value()).isEqualTo("723.1.0");
        assertThat(parsed.values()).containsEntry("COREOS_BUILD_ID", "");
    }

    @Test
    void flatcarKeysShouldWinOverLegacyKeysInTheSameFile() throws Exception {
        VersionTxt parsed = VersionTxt.parse(text("COREOS_VERSION=723.1.0\nFLATCAR_VERSION=4593.2.5\n"));

        assertThat(parsed.version().value()).isEqualTo("4593.2.5");
        assertThat(parsed.values()).containsEntry("COREOS_VERSION", "723.1.0");
    }

    @Test
    void newestRealStableVersionTxtShouldParse() throws Exception {
        assertThat(VersionTxt.parse(real("stable-amd64-4593.2.5.version.txt")).version().value()).isEqualTo("4593.2.5");
    }

    @Test
    void developerBuildSuffixShouldBeKept() throws Exception {
        VersionTxt parsed = VersionTxt.parse(text("FLATCAR_VERSION=4593.2.5+nightly-20260101\nFLATCAR_VERSION_ID=4593.2.5\n"));

        assertThat(parsed.version().value()).isEqualTo("4593.2.5+nightly-20260101");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc", "1.2.3/../x", "1.2.3%2f", "1.2.3;x", "v1.2.3", "1..2", "1.2.3+", "1.2.3+a/b", "1.2.3+.x"})
    void unsafeVersionStringShouldBeRejectedAndNamed(String version) {
        assertThatExceptionOfType(MalformedVersionTxtException.class)
                .isThrownBy(() -> VersionTxt.parse(text("FLATCAR_VERSION=" + version + "\n")))
                .satisfies(e -> assertThat(e.unsafeVersion()).isTrue())
                .withMessageContaining("unsafe version");
    }

    @Test
    void fileWithoutVersionKeyShouldBeRejected() {
        assertThatExceptionOfType(MalformedVersionTxtException.class)
                .isThrownBy(() -> VersionTxt.parse(text("FLATCAR_BUILD=1\n")))
                .withMessageContaining("neither FLATCAR_VERSION nor COREOS_VERSION");
    }

    @Test
    void lineThatIsNotKeyValueShouldBeRejectedWithItsNumber() {
        assertThatExceptionOfType(MalformedVersionTxtException.class)
                .isThrownBy(() -> VersionTxt.parse(text("FLATCAR_VERSION=1.2.3\n<html>\n")))
                .withMessageContaining("line 2");
    }

    @Test
    void oversizedFileShouldBeRejected() {
        assertThatExceptionOfType(MalformedVersionTxtException.class)
                .isThrownBy(() -> VersionTxt.parse(new byte[VersionTxt.MAX_BYTES + 1]));
    }

    private static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] real(String name) throws Exception {
        Prerequisite.require(Files.isDirectory(REAL), "../shared/flatcar/version-txt (real version.txt files)",
                "MIRROR_REQUIRE_FLATCAR_FILES", "check out the shared folder beside this clone");
        return Files.readAllBytes(REAL.resolve(name));
    }
}
