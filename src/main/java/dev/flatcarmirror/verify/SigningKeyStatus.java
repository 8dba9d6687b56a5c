package dev.flatcarmirror.verify;

import java.time.Instant;

/**
 * The newest signing subkey of a trusted key, and when it expires (null: never). A mirror whose
 * key expires without a successor being published stops accepting releases, so this is watched.
 */
record SigningKeyStatus(String primaryFingerprint, String subkeyFingerprint, Instant expiresAt, boolean expiringSoon) {
}
