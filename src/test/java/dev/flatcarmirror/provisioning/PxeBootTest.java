package dev.flatcarmirror.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PxeBootTest {

    private static final String MIRROR = "http://mirror.example:8080";

    @Test
    void scriptShouldBootTheVersionedFilesWithFlatcarsArgumentsThenTheConfigThenTheExtraOnes() {
        String script = PxeBoot.script(MIRROR, "stable", "amd64-usr", "4593.2.5",
                PxeBoot.kernelArgs(MIRROR + "/ignition/web.ign", List.of("console=ttyS0,115200n8")));

        assertThat(script).isEqualTo("""
                #!ipxe
                # Flatcar stable 4593.2.5 (amd64-usr), verified by this mirror
                kernel http://mirror.example:8080/stable/amd64-usr/4593.2.5/flatcar_production_pxe.vmlinuz \
                initrd=flatcar_production_pxe_image.cpio.gz flatcar.first_boot=1 \
                ignition.config.url=http://mirror.example:8080/ignition/web.ign console=ttyS0,115200n8
                initrd http://mirror.example:8080/stable/amd64-usr/4593.2.5/flatcar_production_pxe_image.cpio.gz
                boot
                """);
    }

    @Test
    void bootstrapShouldChainToTheProfileRouteWithIpxesOwnSettings() {
        assertThat(PxeBoot.bootstrap(MIRROR))
                .isEqualTo("#!ipxe\nchain http://mirror.example:8080/ipxe?mac=${mac:hexhyp}&uuid=${uuid}&hostname=${hostname}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"console=ttyS0 reboot", "a;b", "x\nshell", "${net0/ip}", "a&&b", "a||b", "#x", "\"q\"", "'q'", "a\tb", ""})
    void anythingIpxeWouldInterpretShouldNeverBeWritten(String value) {
        assertThat(KernelArgs.isSafe(value)).isFalse();
        assertThatThrownBy(() -> PxeBoot.script(MIRROR, "stable", "amd64-usr", "1.2.3", List.of(value)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refusing");
        if (!value.isEmpty()) {
            assertThatThrownBy(() -> PxeBoot.bootstrap(MIRROR + "/" + value)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void kernelArgumentProblemsShouldNameTheirIndex() {
        assertThat(KernelArgs.problems(List.of("console=ttyS0", "rd.luks.options=discard", "a b")))
                .singleElement().asString().startsWith("kernelArgs[2]:");
        assertThat(KernelArgs.problems(List.of("flatcar.autologin", "systemd.unit=rescue.target", "console=tty0"))).isEmpty();
    }

    @Test
    void selectorsShouldNormalizeMacsAndMatchTheMostSpecificWay() {
        Selector dashes = Selector.of("52-54-00-AB-CD-EF", null, "");
        assertThat(dashes.mac()).isEqualTo("52:54:00:ab:cd:ef");
        assertThat(dashes.key()).isEqualTo(Selector.of("52:54:00:ab:cd:ef", null, null).key());
        assertThat(Selector.of(null, "4C4C4544-0042-5210-8044-B4C04F4D3432", null).uuid()).isEqualTo("4c4c4544-0042-5210-8044-b4c04f4d3432");
        assertThat(Selector.NONE.matches(dashes)).isTrue();
        assertThat(Selector.of("52:54:00:ab:cd:ef", null, "node1").matches(dashes)).isFalse();
        assertThatThrownBy(() -> Selector.of("52-54-00-ab-cd", "not-a-uuid", "bad host")).hasMessageContaining("mac '52-54-00-ab-cd'")
                .hasMessageContaining("uuid 'not-a-uuid'").hasMessageContaining("hostname 'bad host'");
    }
}
