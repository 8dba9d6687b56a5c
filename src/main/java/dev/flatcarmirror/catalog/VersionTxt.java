package dev.flatcarmirror.catalog;

import dev.flatcarmirror.Untrusted;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed {@code version.txt}: {@code KEY=VALUE} lines, {@code FLATCAR_*} keys, or the
 * {@code COREOS_*} keys of releases before 2018. When both are present, Flatcar's win.
 */
public record VersionTxt(Map<String, String> values, ReleaseVersion version) {

    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    public static final int MAX_BYTES = 4096;

    public VersionTxt {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static VersionTxt parse(byte[] content) throws MalformedVersionTxtException {
        if (content.length > MAX_BYTES) {
            throw new MalformedVersionTxtException("version.txt is " + content.length + " bytes, more than " + MAX_BYTES);
        }
        String text = new String(content, StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || !KEY.matcher(trimmed.substring(0, equals)).matches()) {
                throw new MalformedVersionTxtException("version.txt line " + lineNumber + " is not KEY=VALUE");
            }
            values.put(trimmed.substring(0, equals), unquote(trimmed.substring(equals + 1)));
        }
        String version = firstPresent(values, "FLATCAR_VERSION", "FLATCAR_VERSION_ID", "COREOS_VERSION", "COREOS_VERSION_ID");
        if (version == null) {
            throw new MalformedVersionTxtException("version.txt has neither FLATCAR_VERSION nor COREOS_VERSION");
        }
        if (!ReleaseVersion.isSafe(version)) {
            throw new MalformedVersionTxtException("version.txt announces an unsafe version '" + Untrusted.shown(version) + "'", true);
        }
        return new VersionTxt(values, new ReleaseVersion(version));
    }

    private static String firstPresent(Map<String, String> values, String... keys) {
        for (String key : keys) {
            String value = values.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
