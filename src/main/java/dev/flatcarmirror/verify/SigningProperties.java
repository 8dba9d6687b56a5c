package dev.flatcarmirror.verify;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@Validated
@ConfigurationProperties("mirror.signing")
public record SigningProperties(
        @NotEmpty List<@Pattern(regexp = "[0-9A-Fa-f ]{40,59}", message = "must be a 40-hex-digit OpenPGP fingerprint") String> trustedFingerprints,
        @Pattern(regexp = "(https?://.+)?", message = "must be an http(s) URL, or empty to disable fetching") String keyUrl,
        @NotNull List<Path> keyFiles,
        @NotNull Duration clockSkew,
        @NotNull Duration refreshMinInterval,
        @NotNull Duration refreshInterval,
        @NotNull Duration expiryWarning) {

    public static final String FLATCAR_PRIMARY_FINGERPRINT = "F88CFEDEFF29A5B4D9523864E25D9AED0593B34A";
    public static final String FLATCAR_KEY_URL =
            "https://www.flatcar.org/security/image-signing-key/Flatcar_Image_Signing_Key.asc";

    public SigningProperties {
        trustedFingerprints = trustedFingerprints == null ? List.of(FLATCAR_PRIMARY_FINGERPRINT) : trustedFingerprints;
        keyUrl = keyUrl == null ? FLATCAR_KEY_URL : keyUrl.trim();
        keyFiles = keyFiles == null ? List.of() : keyFiles;
        clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
        refreshMinInterval = refreshMinInterval == null ? Duration.ofMinutes(5) : refreshMinInterval;
        refreshInterval = refreshInterval == null ? Duration.ofHours(24) : refreshInterval;
        expiryWarning = expiryWarning == null ? Duration.ofDays(42) : expiryWarning;
    }

    /** Fingerprints as uppercase hex without spaces, the way they are compared. */
    public List<String> normalizedFingerprints() {
        return trustedFingerprints.stream().map(SigningProperties::normalize).toList();
    }

    static String normalize(String fingerprint) {
        return fingerprint.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }
}
