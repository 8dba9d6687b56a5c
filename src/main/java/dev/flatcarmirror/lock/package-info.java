/**
 * Locks shared by every instance on the catalog's database, so that several replicas never do the same
 * work at once: one syncer per channel and board ({@link dev.flatcarmirror.lock.Locks#board}), renewed while
 * a long download runs and released by expiry, {@code mirror.lock.timeout} after a crash; and periodic passes
 * (at-rest check, retention, garbage collection) that run once per period over all replicas. Built on
 * ShedLock's JDBC provider, with the database's clock, so the replicas' clocks do not matter.
 */
@ApplicationModule(displayName = "Lock", allowedDependencies = {})
package dev.flatcarmirror.lock;

import org.springframework.modulith.ApplicationModule;
