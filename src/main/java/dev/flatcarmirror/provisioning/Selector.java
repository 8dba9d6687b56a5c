package dev.flatcarmirror.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which machines a profile is for, matchbox's reserved selectors: {@code mac} (accepted with '-' or ':', any
 * case, kept as {@code 52:54:00:12:34:56}), {@code uuid} (kept lowercase) and {@code hostname}. A machine matches
 * when every value given equals its own; a selector with none matches every machine (the default profile).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Selector(String mac, String uuid, String hostname) {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-][0-9a-f]{2}){5}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");

    static final Selector NONE = new Selector(null, null, null);

    /** Normalizes and checks each value; iPXE's empty {@code ${hostname}} counts as not given. */
    static Selector of(String mac, String uuid, String hostname) {
        List<String> wrong = new ArrayList<>();
        String normalizedMac = normalize(mac, MAC, wrong, "mac", "a MAC address such as 52-54-00-12-34-56 or 52:54:00:12:34:56");
        String normalizedUuid = normalize(uuid, UUID, wrong, "uuid", "a UUID such as 4c4c4544-0042-5210-8044-b4c04f4d3432");
        String normalizedHostname = normalize(hostname, HOSTNAME, wrong, "hostname", "a host name of letters, digits, '-' and '.'");
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", wrong));
        }
        return new Selector(normalizedMac == null ? null : normalizedMac.replace('-', ':'), normalizedUuid, normalizedHostname);
    }

    private static String normalize(String value, Pattern pattern, List<String> wrong, String name, String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (lower.length() > 253 || !pattern.matcher(lower).matches()) {
            wrong.add(name + " '" + dev.flatcarmirror.Untrusted.shown(value) + "' is not " + expected);
            return null;
        }
        return lower;
    }

    boolean matchesEveryMachine() {
        return mac == null && uuid == null && hostname == null;
    }

    /** How many values it names: the more, the more specific. */
    int specificity() {
        return (mac == null ? 0 : 1) + (uuid == null ? 0 : 1) + (hostname == null ? 0 : 1);
    }

    boolean matches(Selector machine) {
        return (mac == null || mac.equals(machine.mac)) && (uuid == null || uuid.equals(machine.uuid))
                && (hostname == null || hostname.equals(machine.hostname));
    }

    /** One string per distinct selector, unique in the catalog: {@code mac=...;uuid=...;hostname=...}, empty for the default. */
    String key() {
        List<String> parts = new ArrayList<>();
        if (mac != null) {
            parts.add("mac=" + mac);
        }
        if (uuid != null) {
            parts.add("uuid=" + uuid);
        }
        if (hostname != null) {
            parts.add("hostname=" + hostname);
        }
        return String.join(";", parts);
    }

    @Override
    public String toString() {
        return matchesEveryMachine() ? "(none: the default)" : key();
    }
}
