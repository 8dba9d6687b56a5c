package dev.flatcarmirror.web.pages;

/**
 * A file of a release being downloaded right now.
 *
 * @param total   bytes upstream announced, or -1 when it did not say
 * @param percent done, or null while the total is unknown
 */
record TransferRow(String file, long done, long total, String doneText, String totalText, Integer percent) {

    static TransferRow of(String file, long done, long total) {
        Integer percent = total > 0 ? (int) Math.min(100, done * 100 / total) : null;
        return new TransferRow(file, done, total, ByteSize.human(done), total >= 0 ? ByteSize.human(total) : null, percent);
    }
}
