package dev.flatcarmirror.catalog;

/** Error details come from upstream and exceptions: keep them within their columns. */
final class Text {

    static final int MAX_DETAIL = 2000;

    private Text() {
    }

    static String clip(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL - 3) + "...";
    }
}
