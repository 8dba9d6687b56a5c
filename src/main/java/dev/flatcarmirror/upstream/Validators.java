package dev.flatcarmirror.upstream;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The {@code ETag} and {@code Last-Modified} of a response, to ask next time whether it changed. */
public record Validators(String etag, String lastModified) {

    public static final Validators NONE = new Validators(null, null);

    /** Longer than any server sends in practice, and well within what the catalog keeps. */
    static final int MAX_ETAG = 256;
    /** An IMF-fixdate is 29 characters; the obsolete formats are no longer. */
    static final int MAX_LAST_MODIFIED = 40;
    /** RFC 9110 8.8.3: an optionally weak, quoted opaque tag of visible characters. */
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"");

    /**
     * The validators as upstream sent them, each dropped when no conditional request could use it: malformed, or
     * longer than a sane server sends. Without them the next poll simply asks unconditionally; with them, a hostile
     * header could make storing the poll's result fail.
     */
    static Validators received(String etag, String lastModified) {
        return new Validators(usableEtag(etag), usableLastModified(lastModified));
    }

    private static String usableEtag(String etag) {
        return etag != null && etag.length() <= MAX_ETAG && ENTITY_TAG.matcher(etag).matches() ? etag : null;
    }

    private static String usableLastModified(String lastModified) {
        if (lastModified == null || lastModified.length() > MAX_LAST_MODIFIED) {
            return null;
        }
        try {
            DateTimeFormatter.RFC_1123_DATE_TIME.parse(lastModified);
            return lastModified;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
