package dev.flatcarmirror.ignition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.testsupport.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The validator against Ignition's own, Debian's {@code ignition-validate} (Ignition 2.14, specs 3.0.0 to 3.3.0):
 * whatever Ignition refuses, the mirror refuses at the same JSON path; the spec's examples pass both; and where
 * Ignition only warns (an unknown section it would silently ignore), the mirror refuses, on purpose.
 */
class IgnitionValidateAgreementTest {

    private final ConfigValidator validator = new ConfigValidator(1 << 20);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp source| {\"ignition\":{\"version\":\"3.1.0\"},\"storage\":{\"files\":[{\"path\":\"/a\",\"contents\":{\"source\":\"ftp://x.example/a\"}}]}}",
            "gs before 3.2.0| {\"ignition\":{\"version\":\"3.1.0\"},\"storage\":{\"files\":[{\"path\":\"/a\",\"contents\":{\"source\":\"gs://bucket/a\"}}]}}",
            "file merge| {\"ignition\":{\"version\":\"3.3.0\",\"config\":{\"merge\":[{\"source\":\"file:///etc/x.ign\"}]}}}",
            "md5 hash| {\"ignition\":{\"version\":\"3.3.0\"},\"storage\":{\"files\":[{\"path\":\"/a\",\"contents\":{\"source\":\"https://a.example/a\",\"verification\":{\"hash\":\"md5-abc\"}}}]}}",
            "data without comma| {\"ignition\":{\"version\":\"3.3.0\"},\"storage\":{\"files\":[{\"path\":\"/a\",\"contents\":{\"source\":\"data:nocomma\"}}]}}",
            "unsupported version| {\"ignition\":{\"version\":\"3.9.0\"}}"})
    void whatIgnitionRefusesTheMirrorShouldRefuseAtTheSamePath(String title, String config) throws Exception {
        Tool.Result ignition = ignitionValidate(config);
        ConfigValidator.Result mirror = validator.validate(config.getBytes(StandardCharsets.UTF_8));

        assertThat(ignition.exitCode()).as("ignition-validate: %s", ignition.output()).isEqualTo(1);
        assertThat(mirror.valid()).isFalse();
        for (ConfigError error : mirror.errors()) {
            if (!error.path().equals("$.ignition.version")) {
                assertThat(ignition.output()).as("Ignition names %s", error.path()).contains("error at " + ignitionPath(error.path()));
            }
        }
    }

    @Test
    void theSpecsExamplesUpTo330ShouldPassBoth() throws Exception {
        for (String example : List.of(ConfigValidatorTest.SPEC_3_0_BTRFS, ConfigValidatorTest.SPEC_3_0_DATA_FILE, KERNEL_ARGUMENTS_3_3)) {
            assertThat(ignitionValidate(example)).as(example).isEqualTo(new Tool.Result(0, ""));
            assertThat(validator.validate(example.getBytes(StandardCharsets.UTF_8)).errors()).isEmpty();
        }
    }

    @Test
    void whatIgnitionWouldSilentlyIgnoreTheMirrorShouldRefuse() throws Exception {
        String config = "{\"ignition\":{\"version\":\"3.2.0\"},\"kernelArguments\":{\"shouldExist\":[\"a\"]}}";

        assertThat(ignitionValidate(config).output()).contains("warning at $.kernelArguments", "Unused key kernelArguments");
        assertThat(validator.validate(config.getBytes(StandardCharsets.UTF_8)).errors()).extracting(ConfigError::path)
                .containsExactly("$.kernelArguments");
    }

    @Test
    void theDocumentServedWithABaseShouldBeAConfigIgnitionAccepts() throws Exception {
        IgnitionConfigs configs = mock(IgnitionConfigs.class);
        Channels channels = mock(Channels.class);
        given(channels.find("stable")).willReturn(Optional.empty());
        byte[] base = "{\"ignition\":{\"version\":\"3.0.0\"},\"storage\":{\"files\":[{\"path\":\"/etc/motd\",\"contents\":{\"source\":\"data:,hi\"}}]}}"
                .getBytes(StandardCharsets.UTF_8);
        given(configs.current("base")).willReturn(Optional.of(new IgnitionConfigs.Servable("base", 4, base, null)));
        byte[] user = KERNEL_ARGUMENTS_3_3.getBytes(StandardCharsets.UTF_8);

        byte[] served = new BaseConfigs(configs, channels).served("http://mirror.example:8080",
                new IgnitionConfigs.Servable("web", 2, user, "tok"), "stable");

        assertThat(new String(served, StandardCharsets.UTF_8)).contains("http://mirror.example:8080/ignition/base.ign?version=4", "data:;base64,");
        assertThat(ignitionValidate(new String(served, StandardCharsets.UTF_8))).isEqualTo(new Tool.Result(0, ""));
    }

    /** docs/migrating-configs.md, "From Version 3.2.0 to 3.3.0", Kernel arguments. */
    static final String KERNEL_ARGUMENTS_3_3 = """
            {
              "ignition": { "version": "3.3.0" },
              "kernelArguments": {
                "shouldExist": [
                  "foobar",
                  "baz boo"
                ],
                "shouldNotExist": [
                  "raboof"
                ]
              }
            }
            """;

    private static Tool.Result ignitionValidate(String config) throws Exception {
        Path file = Files.writeString(Files.createTempFile("config-", ".ign"), config);
        return Tool.run("ignition", "ignition-validate", file.toString());
    }

    /** Ignition writes list indexes as path segments: {@code $.storage.files.0.contents}. */
    private static String ignitionPath(String path) {
        return path.replaceAll("\\[(\\d+)]", ".$1");
    }
}
