package dev.flatcarmirror.ignition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Good configs are the Ignition spec's own examples, copied from coreos/ignition's docs (migrating-configs.md,
 * sections "From Version 3.4.0 to 3.5.0" and "From Version 3.3.0 to 3.4.0", and examples.md); bad ones break one
 * rule each, and every error must name its JSON path.
 */
class ConfigValidatorTest {

    /** docs/migrating-configs.md, "From Version 3.4.0 to 3.5.0", LUKS CEX support. */
    static final String SPEC_3_5_LUKS_CEX = """
            {
              "ignition": { "version": "3.5.0" },
              "kernelArguments": {
                "shouldExist": [
                  "'rd.luks.key=/etc/luks/cex.key'"
                ]
              },
              "storage": {
                "luks": [{
                  "name": "luks-cex",
                  "device": "/dev/sdb",
                  "discard": true,
                  "cex": {
                    "enabled": true
                  }
                }]
              }
            }
            """;

    /** docs/migrating-configs.md, "From Version 3.3.0 to 3.4.0", Offline Tang provisioning. */
    static final String SPEC_3_4_TANG = """
            {
              "ignition": { "version": "3.4.0" },
              "storage": {
                "luks": [{
                  "name": "luks-tang",
                  "device": "/dev/sdb",
                  "clevis": {
                    "tang": [{
                      "url": "https://tang.example.com",
                      "thumbprint": "REPLACE-THIS-WITH-YOUR-TANG-THUMBPRINT",
                      "advertisement": "{\\"payload\\": \\"...\\", \\"protected\\": \\"...\\", \\"signature\\": \\"...\\"}"
                    }]
                  }
                }]
              }
            }
            """;

    /** docs/migrating-configs.md, "From Version 3.3.0 to 3.4.0", LUKS open options. */
    static final String SPEC_3_4_OPEN_OPTIONS = """
            {
              "ignition": { "version": "3.4.0" },
              "storage": {
                "luks": [{
                  "name": "luks-tpm",
                  "device": "/dev/sdb",
                  "openOptions": ["--perf-no_read_workqueue", "--perf-no_write_workqueue"],
                  "clevis": {
                    "tpm2": true
                  }
                }]
              }
            }
            """;

    /** docs/migrating-configs.md, "From Version 3.3.0 to 3.4.0", AWS S3 access point ARN support. */
    static final String SPEC_3_4_ARN = """
            {
              "ignition": { "version": "3.4.0" },
              "storage": {
                "files": [{
                  "path": "/etc/example",
                  "mode": 420,
                  "contents": {
                    "source": "arn:aws:s3:us-west-1:123456789012:accesspoint/test/object/some/path"
                  }
                }]
              }
            }
            """;

    /** docs/examples.md, "Reformat the /var Filesystem", Btrfs: an http source with a SHA-512 verification hash. */
    static final String SPEC_3_0_BTRFS = """
            {
              "ignition": { "version": "3.0.0" },
              "storage": {
                "filesystems": [{
                  "device": "/dev/disk/by-label/VAR",
                  "path": "/var",
                  "format": "btrfs",
                  "wipeFilesystem": true,
                  "label": "VAR"
                }],
                "files": [{
                  "path": "/var/example-asset",
                  "mode": 420,
                  "contents": {
                    "source": "http://example.com/asset",
                    "verification": { "hash": "sha512-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }
                  }
                }]
              }
            }
            """;

    /** docs/examples.md, "Create Files on the Root Filesystem": a data URL. */
    static final String SPEC_3_0_DATA_FILE = """
            {
              "ignition": { "version": "3.0.0" },
              "storage": {
                "files": [{
                  "path": "/etc/someconfig",
                  "mode": 420,
                  "contents": { "source": "data:,example%20file%0A" }
                }]
              }
            }
            """;

    /** docs/migrating-configs.md, "From Version 3.5.0 to 3.6.0": valid for 3.6.0, which this mirror does not accept (3.0 to 3.5). */
    static final String SPEC_3_6_SETUID = """
            {
              "ignition": {
                "version": "3.6.0"
              },
              "storage": {
                "files": [{
                  "path": "/usr/local/bin/setuid",
                  "contents": {
                    "source": "https://rootkit.example.com/setuid"
                  },
                  "mode": 2541
                }]
              }
            }
            """;

    private final ConfigValidator validator = new ConfigValidator(1024 * 1024);

    @ParameterizedTest
    @ValueSource(strings = {SPEC_3_5_LUKS_CEX, SPEC_3_4_TANG, SPEC_3_4_OPEN_OPTIONS, SPEC_3_4_ARN, SPEC_3_0_BTRFS, SPEC_3_0_DATA_FILE})
    void theSpecsOwnExamplesShouldBeAccepted(String example) {
        ConfigValidator.Result result = validate(example);

        assertThat(result.errors()).isEmpty();
        assertThat(result.spec()).isNotNull();
    }

    @Test
    void everySupportedVersionShouldBeAcceptedAndNamed() {
        for (String version : List.of("3.0.0", "3.1.0", "3.2.0", "3.3.0", "3.4.0", "3.5.0")) {
            assertThat(validate("{\"ignition\":{\"version\":\"" + version + "\"}}").spec().version()).isEqualTo(version);
        }
    }

    @Test
    void aLaterOrExperimentalVersionShouldBeRefusedAtItsPath() {
        assertThat(validate(SPEC_3_6_SETUID).errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.ignition.version");
            assertThat(error.code()).isEqualTo("unsupported_version");
            assertThat(error.message()).contains("'3.6.0'", "3.0.0", "3.5.0");
        });
        assertThat(validate("{\"ignition\":{\"version\":\"3.5.0-experimental\"}}").errors()).extracting(ConfigError::code)
                .containsExactly("unsupported_version");
        assertThat(validate("{\"ignition\":{\"version\":\"2.3.0\"}}").errors()).extracting(ConfigError::code)
                .containsExactly("unsupported_version");
    }

    @Test
    void aMissingVersionShouldBeNamed() {
        assertThat(validate("{\"ignition\":{}}").errors()).extracting(ConfigError::path, ConfigError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.ignition.version", "missing_version"));
        assertThat(validate("{\"storage\":{}}").errors()).extracting(ConfigError::path).containsExactly("$.ignition");
        assertThat(validate("{\"ignition\":{\"version\":3}}").errors()).extracting(ConfigError::code).containsExactly("wrong_type");
    }

    @Test
    void unknownSectionsShouldBeNamedEachAtItsPath() {
        ConfigValidator.Result result = validate("{\"ignition\":{\"version\":\"3.2.0\"},\"kernelArguments\":{},\"networkd\":{},\"systemd\":[]}");

        assertThat(result.errors()).extracting(ConfigError::path, ConfigError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("$.kernelArguments", "unknown_section"),
                org.assertj.core.groups.Tuple.tuple("$.networkd", "unknown_section"),
                org.assertj.core.groups.Tuple.tuple("$.systemd", "wrong_type"));
        assertThat(result.errors().get(0).message()).contains("spec 3.2.0");
    }

    @Test
    void sourcesWithSchemesTheVersionDoesNotFetchShouldBeNamedByPath() {
        ConfigValidator.Result result = validate("""
                {"ignition": {"version": "3.1.0", "config": {"merge": [{"source": "https://a.example/ok.ign"}, {"source": "ftp://a.example/x"}],
                   "replace": {"source": "file:///etc/x.ign"}}},
                 "storage": {"files": [{"path": "/a", "contents": {"source": "gs://bucket/a"}},
                                       {"path": "/b", "append": [{"source": "data:no-comma"}, {"source": "http:///nohost"}]}]}}
                """);

        assertThat(result.errors()).extracting(ConfigError::path).containsExactly(
                "$.ignition.config.merge[1].source", "$.ignition.config.replace.source", "$.storage.files[0].contents.source",
                "$.storage.files[1].append[0].source", "$.storage.files[1].append[1].source");
        assertThat(result.errors()).extracting(ConfigError::code).containsOnly("unsupported_url");
        assertThat(result.errors().get(2).message()).contains("'gs' is not supported by spec 3.1.0");
        assertThat(validate(SPEC_3_4_ARN.replace("3.4.0", "3.3.0")).errors()).extracting(ConfigError::path)
                .containsExactly("$.storage.files[0].contents.source");
    }

    @Test
    void verificationHashesShouldHaveTheFormTheVersionKnows() {
        String sha256 = "sha256-" + "a".repeat(64);
        String config = "{\"ignition\":{\"version\":\"%s\"},\"storage\":{\"files\":[{\"path\":\"/a\",\"contents\":"
                + "{\"source\":\"https://a.example/a\",\"verification\":{\"hash\":\"%s\"}}}]}}";

        assertThat(validate(config.formatted("3.1.0", sha256)).errors()).isEmpty();
        assertThat(validate(config.formatted("3.0.0", sha256)).errors()).extracting(ConfigError::path, ConfigError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.storage.files[0].contents.verification.hash", "bad_hash"));
        assertThat(validate(config.formatted("3.5.0", "md5-abc")).errors()).extracting(ConfigError::code).containsExactly("bad_hash");
    }

    @Test
    void malformedJsonShouldBeRefusedWithWhereItBroke() {
        assertThat(validate("{\"ignition\": {\"version\": \"3.5.0\"},}").errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$");
            assertThat(error.code()).isEqualTo("malformed_json");
            assertThat(error.message()).contains("line 1");
        });
        assertThat(validate("{\"ignition\":{\"version\":\"3.5.0\"}} {}").errors()).extracting(ConfigError::code).containsExactly("malformed_json");
        assertThat(validate("{\"ignition\":{\"version\":\"3.5.0\"},\"ignition\":{\"version\":\"3.0.0\"}}").errors())
                .extracting(ConfigError::message).singleElement().asString().contains("Duplicate");
        assertThat(validator.validate(new byte[] {'{', (byte) 0xff, '}'}).errors()).extracting(ConfigError::message)
                .containsExactly("the config is not UTF-8 text");
        assertThat(validate("[]").errors()).extracting(ConfigError::code).containsExactly("wrong_type");
    }

    @Test
    void aConfigLargerThanTheLimitShouldBeRefusedBeforeItIsParsed() {
        ConfigValidator small = new ConfigValidator(100);
        byte[] big = ("{\"ignition\":{\"version\":\"3.5.0\"},\"storage\":{\"files\":[{\"path\":\"/" + "a".repeat(100) + "\"}]}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(small.validate(big).errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$");
            assertThat(error.code()).isEqualTo("too_large");
            assertThat(error.message()).contains(big.length + " bytes", "mirror.ignition.max-size");
        });
    }

    private ConfigValidator.Result validate(String json) {
        return validator.validate(json.getBytes(StandardCharsets.UTF_8));
    }
}
