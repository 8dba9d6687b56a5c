package dev.flatcarmirror.verify;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.signing.*}: which OpenPGP keys may sign what the mirror serves.
 *
 * @param trustedFingerprints primary-key fingerprints; keys with any other primary are ignored
 * @param keyUrl              where to fetch the armored public key; empty disables fetching
 * @param keyFiles            local armored key files, for networks without internet access
 * @param clockSkew           how far in the future a signature's creation time may lie
 * @param refreshMinInterval  the least time between two key fetches triggered by unknown subkeys
 * @param refreshInterval     how often the key URL is fetched again, to learn new subkeys and revocations
 * @param expiryWarning       how long before the current signing subkey expires the service starts warning
 * @param releaseWindow       how far apart in time an artifact's signature and its release's version.txt signature may
 *                            be; an old image placed in a new version's directory is refused. {@code 0} turns it off
 */
@Validated
@ConfigurationProperties("mirror.signing")
public record SigningProperties(
        @NotEmpty @DefaultValue(FLATCAR_PRIMARY_FINGERPRINT)
        List<@Pattern(regexp = "[0-9A-Fa-f ]{40,59}", message = "must be a 40-hex-digit OpenPGP fingerprint") String> trustedFingerprints,
        @Pattern(regexp = "(https?://.+)?", message = "must be an http(s) URL, or empty to disable fetching")
        @DefaultValue(FLATCAR_KEY_URL) String keyUrl,
        @NotNull @DefaultValue List<Path> keyFiles,
        @NotNull @DurationMin(millis = 0) @DefaultValue("5m") Duration clockSkew,
        @NotNull @DurationMin(millis = 0) @DefaultValue("5m") Duration refreshMinInterval,
        // A fixed-delay schedule needs a positive delay.
        @NotNull @DurationMin(seconds = 1) @DefaultValue("24h") Duration refreshInterval,
        @NotNull @DurationMin(millis = 0) @DefaultValue("42d") Duration expiryWarning,
        @NotNull @DurationMin(millis = 0) @DefaultValue("30d") Duration releaseWindow) {

    public static final String FLATCAR_PRIMARY_FINGERPRINT = "F88CFEDEFF29A5B4D9523864E25D9AED0593B34A";
    public static final String FLATCAR_KEY_URL =
            "https://www.flatcar.org/security/image-signing-key/Flatcar_Image_Signing_Key.asc";

    public SigningProperties {
        keyUrl = keyUrl == null ? "" : keyUrl.trim();
    }

    /** Fingerprints as uppercase hex without spaces, the way they are compared. */
    public List<String> normalizedFingerprints() {
        return trustedFingerprints.stream().map(SigningProperties::normalize).toList();
    }

    static String normalize(String fingerprint) {
        return fingerprint.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }
}
