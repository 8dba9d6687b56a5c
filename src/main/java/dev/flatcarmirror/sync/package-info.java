/**
 * Poll, fetch, verify, publish: one poll thread per board ({@link dev.flatcarmirror.sync.PollScheduler}),
 * the signed pointer first, then each file of the version's own directory streamed once through the
 * signature check, both digests and a staging file, then one catalog transaction that publishes. Outcomes
 * are {@link dev.flatcarmirror.sync.PollOutcome}, {@link dev.flatcarmirror.sync.DownloadOutcome} and
 * {@link dev.flatcarmirror.sync.SyncReason}; transfers in progress are visible through
 * {@link dev.flatcarmirror.sync.DownloadProgress}, and {@link dev.flatcarmirror.sync.ReleaseRepair} fetches one file again.
 */
@ApplicationModule(displayName = "Sync", allowedDependencies = {"catalog", "channel", "lock", "storage", "upstream", "verify"})
package dev.flatcarmirror.sync;

import org.springframework.modulith.ApplicationModule;
