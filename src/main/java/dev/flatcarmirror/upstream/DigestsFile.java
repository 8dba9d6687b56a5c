package dev.flatcarmirror.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Flatcar's {@code X.DIGESTS}: {@code # MD5 HASH}, {@code # SHA1 HASH} and {@code # SHA512 HASH}
 * sections of {@code <hex>  <file name>} lines. Lines are matched by file name, never by position.
 */
public final class DigestsFile {

    private DigestsFile() {
    }

    /** The SHA-512 the file lists for {@code fileName}, lowercase hex, if it lists one. */
    public static Optional<String> sha512(byte[] content, String fileName) {
        String section = "";
        for (String raw : new String(content, StandardCharsets.UTF_8).split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                section = line.substring(1).strip().toUpperCase(Locale.ROOT);
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (section.startsWith("SHA512") && parts.length == 2 && parts[1].replaceFirst("^\\*", "").equals(fileName)
                    && parts[0].matches("[0-9a-fA-F]{128}")) {
                return Optional.of(parts[0].toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
