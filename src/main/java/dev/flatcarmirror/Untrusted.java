package dev.flatcarmirror;

/**
 * Text that came from outside (an upstream file, a request path), made safe to quote in a log line
 * or an error message: control characters replaced and the length bounded.
 */
public final class Untrusted {

    private static final int MAX = 80;

    private Untrusted() {
    }

    public static String shown(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > MAX ? printable.substring(0, MAX) + "..." : printable;
    }
}
