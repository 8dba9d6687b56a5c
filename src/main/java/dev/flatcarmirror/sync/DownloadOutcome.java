package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;

/** How the download of one artifact that did not fail ended; a failed one is tagged with its reason instead. */
public enum DownloadOutcome implements OutcomeCode {
    /** Downloaded, verified and stored. */
    VERIFIED("verified"),
    /** Upstream has neither the file nor its signature for this release. */
    ABSENT("absent");

    private final String code;

    DownloadOutcome(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
