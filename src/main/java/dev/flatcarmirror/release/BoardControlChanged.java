package dev.flatcarmirror.release;

/**
 * An admin operation changed what an internal board may serve (hold, unhold, pin, unpin, promote, rollback);
 * published within its transaction, acted on after the commit.
 */
record BoardControlChanged(String channel, String board, ReleaseAction action) {
}
