package dev.flatcarmirror.ignition;

import dev.flatcarmirror.OutcomeCode;

/** Why a config was refused; each error of a 400 answer carries one, with the JSON path it concerns. */
enum ConfigProblem implements OutcomeCode {
    /** Not JSON, not UTF-8, duplicate keys, or something after the document. */
    MALFORMED_JSON("malformed_json"),
    /** Larger than {@code mirror.ignition.max-size}. */
    TOO_LARGE("too_large"),
    MISSING_VERSION("missing_version"),
    UNSUPPORTED_VERSION("unsupported_version"),
    UNKNOWN_SECTION("unknown_section"),
    WRONG_TYPE("wrong_type"),
    /** A source URL Ignition cannot fetch: unknown scheme, or not a URL of its scheme's form. */
    UNSUPPORTED_URL("unsupported_url"),
    BAD_HASH("bad_hash"),
    /** A name, query parameter or CIDR of the request itself. */
    BAD_PARAMETER("bad_parameter");

    private final String code;

    ConfigProblem(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
