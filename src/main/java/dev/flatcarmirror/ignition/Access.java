package dev.flatcarmirror.ignition;

import java.util.Locale;

/** The {@code access} parameter of a PUT: {@code token} requires one (generated once, kept after), {@code open} drops it. */
enum Access {
    TOKEN, OPEN;

    static Access parse(String name, String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidConfigException.badParameter(name, "access", "must be 'token' or 'open', not '"
                    + dev.flatcarmirror.Untrusted.shown(value) + "'");
        }
    }
}
