package dev.flatcarmirror.channel;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One upstream channel to mirror ({@code mirror.channels[i].*}).
 *
 * @param name          lowercase letters, digits and '-'; it is the first segment of the mirror's paths,
 *                      so the service's own paths ({@code channels}, {@code actuator}, ...) are refused
 * @param baseUrl       the channel's release server, e.g. {@code https://stable.release.flatcar-linux.net}
 * @param boards        boards to mirror, default {@code amd64-usr}
 * @param artifacts     files of each release to mirror; {@code version.txt} always is
 * @param allowAnyStage accept versions whose middle number does not match the channel's stage
 * @param maxAge        how long the channel may go without a new release, or without a successful poll,
 *                      before it is reported stale; default 30 days for stable, 21 for alpha and beta, 45 for lts
 */
public record ChannelProperties(
        @NotNull
        @Pattern(regexp = NAME, message = "must be lowercase letters, digits and '-', and not one of the service's own paths "
                + "(channels, actuator, admin, keys, v3, swagger-ui, error, assets)")
        String name,
        @NotNull
        @Pattern(regexp = "https?://[^?#]+", message = "must be an http(s) URL without query or fragment")
        String baseUrl,
        @NotEmpty List<@Pattern(regexp = BOARD, message = "must be a board name such as amd64-usr") String> boards,
        @NotEmpty List<@Pattern(regexp = ARTIFACT, message = "must be a plain file name (not version.txt, not a .sig)") String> artifacts,
        Boolean allowAnyStage,
        Duration maxAge) {

    static final String NAME =
            "(?!(?:channels|actuator|admin|keys|v3|swagger-ui|swagger-ui\\.html|error|assets|static|webjars|favicon\\.ico|robots\\.txt)$)"
                    + "[a-z0-9][a-z0-9-]{0,62}";
    static final String BOARD = "[a-z0-9][a-z0-9_-]{0,62}";
    static final String ARTIFACT = "(?!version\\.txt$)(?!.*\\.sig$)[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,200}";

    static final List<String> DEFAULT_ARTIFACTS = List.of(
            "flatcar_production_image.bin.bz2",
            "flatcar_production_pxe.vmlinuz",
            "flatcar_production_pxe_image.cpio.gz");

    public ChannelProperties {
        boards = boards == null ? List.of("amd64-usr") : List.copyOf(boards);
        artifacts = artifacts == null ? DEFAULT_ARTIFACTS : List.copyOf(artifacts);
        allowAnyStage = allowAnyStage != null && allowAnyStage;
        baseUrl = baseUrl == null ? null : stripTrailingSlash(baseUrl);
        maxAge = maxAge == null ? defaultMaxAge(name) : maxAge;
    }

    private static Duration defaultMaxAge(String name) {
        return Duration.ofDays(switch (name == null ? "" : name) {
            case "alpha", "beta" -> 21;
            case "lts" -> 45;
            default -> 30;
        });
    }

    static ChannelProperties official(String name) {
        return new ChannelProperties(name, "https://" + name + ".release.flatcar-linux.net", null, null, null, null);
    }

    /** {@code {base-url}/{board}/{directory}/{file}}; every segment was validated, or is a {@link dev.flatcarmirror.catalog.ReleaseVersion}. */
    public URI fileUri(String board, String directory, String file) {
        return URI.create(baseUrl + "/" + board + "/" + directory + "/" + file);
    }

    /** The BRANCH number Flatcar uses for this channel's versions, or -1 when the channel name does not tell. */
    public int expectedBranch() {
        return switch (name) {
            case "alpha" -> 0;
            case "beta" -> 1;
            case "stable" -> 2;
            case "lts" -> 3;
            default -> -1;
        };
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
