/**
 * The at-rest check: stored files hashed again against the catalog, changed or missing ones quarantined
 * ({@link dev.flatcarmirror.integrity.QuarantineReason}) and repaired from upstream; its admin endpoints.
 */
@ApplicationModule(displayName = "Integrity", allowedDependencies = {"catalog", "lock", "storage", "sync"})
package dev.flatcarmirror.integrity;

import org.springframework.modulith.ApplicationModule;
