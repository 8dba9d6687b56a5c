package dev.flatcarmirror.catalog;

/** A version.txt that cannot be used; {@link #unsafeVersion()} tells a refused version string apart. */
public class MalformedVersionTxtException extends Exception {

    private final boolean unsafeVersion;

    public MalformedVersionTxtException(String message) {
        this(message, false);
    }

    MalformedVersionTxtException(String message, boolean unsafeVersion) {
        super(message);
        this.unsafeVersion = unsafeVersion;
    }

    public boolean unsafeVersion() {
        return unsafeVersion;
    }
}
