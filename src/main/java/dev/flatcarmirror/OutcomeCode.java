package dev.flatcarmirror;

/**
 * A stable snake_case code for an outcome or a reason ({@code bad_signature}, {@code up_to_date}, ...):
 * what the sync history, the API, the metric tags and the log show. Implemented by enums only, one per
 * feature that decides such outcomes, so a code is written once and a typo does not compile.
 */
public interface OutcomeCode {

    String code();
}
