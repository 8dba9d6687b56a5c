/**
 * OpenPGP: the pinned, refreshable signing keyring (an immutable snapshot, refreshed through the upstream module's
 * bounded client) and the streaming signature check, stricter than {@code gpg --verify}; refusals as
 * {@link dev.flatcarmirror.verify.RejectionReason} codes. Serves the effective key at {@code /keys/signing-key.asc}.
 */
@ApplicationModule(displayName = "Verify", allowedDependencies = {"upstream"})
package dev.flatcarmirror.verify;

import org.springframework.modulith.ApplicationModule;
