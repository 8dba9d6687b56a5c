package dev.flatcarmirror.ignition;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The config spec versions the mirror accepts, with what each allows at the top level and in URLs, as
 * coreos/ignition's docs/configuration-v3_N.md list them: {@code kernelArguments} since 3.3.0, {@code gs://}
 * sources since 3.2.0, S3 access point ARNs since 3.4.0. Experimental versions are refused, as Ignition
 * refuses them once a final version exists.
 */
enum IgnitionSpec {
    V3_0("3.0.0", false, false, false),
    V3_1("3.1.0", false, false, false),
    V3_2("3.2.0", true, false, false),
    V3_3("3.3.0", true, false, true),
    V3_4("3.4.0", true, true, true),
    V3_5("3.5.0", true, true, true);

    private final String version;
    private final boolean gs;
    private final boolean arn;
    private final boolean kernelArguments;

    IgnitionSpec(String version, boolean gs, boolean arn, boolean kernelArguments) {
        this.version = version;
        this.gs = gs;
        this.arn = arn;
        this.kernelArguments = kernelArguments;
    }

    static Optional<IgnitionSpec> of(String version) {
        return Arrays.stream(values()).filter(spec -> spec.version.equals(version)).findFirst();
    }

    static String supported() {
        return String.join(", ", Arrays.stream(values()).map(IgnitionSpec::version).toList());
    }

    String version() {
        return version;
    }

    Set<String> sections() {
        return kernelArguments ? Set.of("ignition", "storage", "systemd", "passwd", "kernelArguments")
                : Set.of("ignition", "storage", "systemd", "passwd");
    }

    /** In the order the spec lists them. */
    java.util.List<String> schemes() {
        java.util.List<String> schemes = new java.util.ArrayList<>(java.util.List.of("http", "https", "tftp", "s3"));
        if (arn) {
            schemes.add("arn");
        }
        if (gs) {
            schemes.add("gs");
        }
        schemes.add("data");
        return schemes;
    }

    /** 3.0.0 verifies with SHA-512 only; 3.1.0 added SHA-256. */
    boolean allowsSha256() {
        return this != V3_0;
    }
}
