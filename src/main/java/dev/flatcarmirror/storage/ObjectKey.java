package dev.flatcarmirror.storage;

import java.util.regex.Pattern;

/**
 * The name of a stored object, such as {@code stable/amd64-usr/4593.2.5/version.txt}.
 * Built only from segments that cannot climb out of the store: no empty, dot-led or
 * control-character segments, so a key can be resolved against a directory safely.
 */
public record ObjectKey(String value) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,254}");

    public ObjectKey {
        if (value == null || value.isEmpty() || value.length() > 1024) {
            throw new IllegalArgumentException("object key must be 1 to 1024 characters");
        }
        for (String segment : value.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("unsafe object key segment '" + segment + "' in " + value);
            }
        }
    }

    public static ObjectKey of(String... segments) {
        return new ObjectKey(String.join("/", segments));
    }

    public ObjectKey withSuffix(String suffix) {
        return new ObjectKey(value + suffix);
    }

    @Override
    public String toString() {
        return value;
    }
}
