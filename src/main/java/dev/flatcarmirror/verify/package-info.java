/**
 * OpenPGP: the pinned, refreshable signing keyring and the streaming signature check, stricter than
 * {@code gpg --verify}; refusals as {@link dev.flatcarmirror.verify.RejectionReason} codes. Serves the
 * effective key at {@code /keys/signing-key.asc}.
 */
@ApplicationModule(displayName = "Verify", allowedDependencies = {})
package dev.flatcarmirror.verify;

import org.springframework.modulith.ApplicationModule;
