package dev.flatcarmirror.web.pages;

import java.util.Locale;

/**
 * A number of bytes as people read it ({@code 1.5 MiB}) and exactly ({@code 1,572,864 bytes}),
 * the exact figure for a tooltip, so the page stays scannable without hiding the truth.
 */
record ByteSize(long bytes, String text, String exact) {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    static ByteSize of(long bytes) {
        return new ByteSize(bytes, human(bytes), String.format(Locale.ROOT, "%,d bytes", bytes));
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
