package dev.flatcarmirror.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestsFileTest {

    private static final String SHA512 = "ab".repeat(64);
    private static final String DIGESTS = """
            # MD5 HASH
            0123456789abcdef0123456789abcdef  flatcar_production_image.bin.bz2
            # SHA1 HASH
            0123456789abcdef0123456789abcdef01234567  flatcar_production_image.bin.bz2
            # SHA512 HASH
            %s  flatcar_production_image.bin.bz2.other
            %s  flatcar_production_image.bin.bz2
            """.formatted("cd".repeat(64), SHA512.toUpperCase());

    @Test
    void sha512LineShouldBeFoundByFileNameNotPosition() {
        assertThat(DigestsFile.sha512(DIGESTS.getBytes(StandardCharsets.UTF_8), "flatcar_production_image.bin.bz2")).hasValue(SHA512);
    }

    @Test
    void fileNotListedShouldGiveNothing() {
        assertThat(DigestsFile.sha512(DIGESTS.getBytes(StandardCharsets.UTF_8), "flatcar_production_pxe.vmlinuz")).isEmpty();
    }

    @Test
    void shorterHashesShouldNeverBeTakenForSha512() {
        String onlyWeak = "# SHA1 HASH\n0123456789abcdef0123456789abcdef01234567  x\n";

        assertThat(DigestsFile.sha512(onlyWeak.getBytes(StandardCharsets.UTF_8), "x")).isEmpty();
    }
}
