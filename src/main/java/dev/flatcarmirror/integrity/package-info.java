/**
 * The at-rest check: stored files hashed again against the catalog, changed or missing ones quarantined
 * ({@link dev.flatcarmirror.integrity.QuarantineReason}) and repaired from upstream with the very bytes first
 * verified, or kept quarantined as {@code repair_mismatch}; its admin endpoints.
 */
@ApplicationModule(displayName = "Integrity", allowedDependencies = {"catalog", "channel", "lock", "storage", "sync"})
package dev.flatcarmirror.integrity;

import org.springframework.modulith.ApplicationModule;
