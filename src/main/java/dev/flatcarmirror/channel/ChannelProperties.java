package dev.flatcarmirror.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 * @param retention     how many published releases per board are kept, and for how long at least
 * @param streams       the pointers polled per board ({@code current}, {@code current-YYYY}); unset: {@code current}, and for
 *                      {@code lts} also each {@code current-YYYY} that the channel's {@code lts-info} lists as supported
 */
public record ChannelProperties(
        @NotNull
        @Pattern(regexp = NAME, message = "must be lowercase letters, digits and '-', and not one of the service's own paths "
                + "(channels, actuator, admin, keys, v3, swagger-ui, error, assets, ignition, ipxe, boot.ipxe, streams)")
        String name,
        @NotNull
        @Pattern(regexp = "https?://[^?#]+", message = "must be an http(s) URL without query or fragment")
        String baseUrl,
        @NotEmpty @DefaultValue(DEFAULT_BOARD)
        List<@Pattern(regexp = BOARD, message = "must be a board name such as amd64-usr") String> boards,
        @NotEmpty @DefaultValue({IMAGE, PXE_KERNEL, PXE_INITRD})
        List<@Pattern(regexp = ARTIFACT, message = "must be a plain file name (not version.txt, not a .sig)") String> artifacts,
        @DefaultValue("false") boolean allowAnyStage,
        @DurationMin(seconds = 1) Duration maxAge,
        @Valid @DefaultValue Retention retention,
        List<@NotNull @Pattern(regexp = Streams.NAME, message = "must be current or current-YYYY (a stream of upstream, "
                + "such as current-2024)") String> streams) {

    public static final String NAME =
            "(?!(?:channels|actuator|admin|keys|v3|swagger-ui|swagger-ui\\.html|error|assets|static|webjars|favicon\\.ico|robots\\.txt"
                    // Provisioning's public paths: /ignition/{name}.ign, /boot.ipxe, /ipxe/{channel}, /streams/{channel}.json.
                    + "|ignition|ipxe|boot\\.ipxe|streams)$)"
                    + "[a-z0-9][a-z0-9-]{0,62}";
    public static final String BOARD = "[a-z0-9][a-z0-9_-]{0,62}";
    static final String ARTIFACT = "(?!version\\.txt$)(?!.*\\.sig$)[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,200}";

    public static final String DEFAULT_BOARD = "amd64-usr";
    /** What {@code flatcar-install} writes to disk. */
    public static final String IMAGE = "flatcar_production_image.bin.bz2";
    /** The PXE kernel and initrd that iPXE boots. */
    public static final String PXE_KERNEL = "flatcar_production_pxe.vmlinuz";
    public static final String PXE_INITRD = "flatcar_production_pxe_image.cpio.gz";

    static final List<String> DEFAULT_ARTIFACTS = List.of(IMAGE, PXE_KERNEL, PXE_INITRD);

    /** {@code maxAge} has a default per channel name, so it is the one default set here. */
    @ConstructorBinding
    public ChannelProperties {
        boards = boards == null ? List.of(DEFAULT_BOARD) : List.copyOf(boards);
        artifacts = artifacts == null ? DEFAULT_ARTIFACTS : List.copyOf(artifacts);
        baseUrl = baseUrl == null ? null : stripTrailingSlash(baseUrl);
        maxAge = maxAge == null ? defaultMaxAge(name) : maxAge;
        retention = retention == null ? Retention.DEFAULT : retention;
        streams = streams == null ? null : List.copyOf(streams);
    }

    /** Without {@code streams}: the default, which reads {@code lts-info} for lts. */
    public ChannelProperties(String name, String baseUrl, List<String> boards, List<String> artifacts, boolean allowAnyStage,
                             Duration maxAge, Retention retention) {
        this(name, baseUrl, boards, artifacts, allowAnyStage, maxAge, retention, null);
    }

    /** The configured {@code streams}; empty when the default applies ({@link Streams#discoversFromLtsInfo}). */
    public Optional<List<String>> configuredStreams() {
        return Optional.ofNullable(streams);
    }

    @AssertTrue(message = "streams must list current, and each stream once")
    public boolean isStreamsListValid() {
        return streams == null || (streams.contains(Streams.CURRENT) && streams.stream().distinct().count() == streams.size());
    }

    /**
     * {@code mirror.channels[i].retention.*}: what retention keeps of each board. The current release is always
     * kept, and so is a release a client is downloading at that moment.
     *
     * @param keep    the newest published releases kept per board, the current one among them
     * @param keepFor a published release younger than this is kept even beyond {@code keep}; none by default
     */
    public record Retention(
            @Min(value = 1, message = "must be at least 1: the current release is always kept") @DefaultValue("5") int keep,
            @DurationMin(seconds = 1) Duration keepFor) {

        static final Retention DEFAULT = new Retention(5, null);

        public Optional<Duration> keepForAtLeast() {
            return Optional.ofNullable(keepFor);
        }
    }

    private static Duration defaultMaxAge(String name) {
        return Duration.ofDays(switch (name == null ? "" : name) {
            case "alpha", "beta" -> 21;
            case "lts" -> 45;
            default -> 30;
        });
    }

    static ChannelProperties official(String name) {
        return new ChannelProperties(name, "https://" + name + ".release.flatcar-linux.net", null, null, false, null, null);
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
