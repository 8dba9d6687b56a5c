package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.catalog.ReleaseVersion;
import dev.flatcarmirror.catalog.VerifiedArtifact;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.storage.ObjectKey;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches one file of a known release again, verified as on the first day, to replace a damaged copy. Only the very
 * bytes first verified are taken back (SHA-256, SHA-512 and the signature's SHA-256 as recorded): what a mirror once
 * served under a version's URL never changes, so validly signed other content is refused, and never stored.
 */
@Component
public class ReleaseRepair {

    private static final Logger log = LoggerFactory.getLogger(ReleaseRepair.class);

    private final MirrorProperties properties;
    private final ReleaseFiles files;
    private final Catalog catalog;

    ReleaseRepair(MirrorProperties properties, ReleaseFiles files, Catalog catalog) {
        this.properties = properties;
        this.files = files;
        this.catalog = catalog;
    }

    public RepairResult refetch(String channelName, String board, String version, String file) throws InterruptedException {
        Optional<ChannelProperties> channel = properties.channel(channelName);
        Optional<VerifiedArtifact> recorded = catalog.recordedFile(channelName, board, version, file);
        if (channel.isEmpty() || recorded.isEmpty() || !ReleaseVersion.isSafe(version)) {
            return new RepairResult.Failed(SyncReason.MISSING_FILE, "no verified record of " + channelName + "/" + board + "/" + version + "/" + file);
        }
        ObjectKey key = ObjectKey.of(channelName, board, version, file);
        URI uri = channel.get().fileUri(board, version, file);
        try {
            if (BoardSync.VERSION_TXT.equals(file)) {
                ReleaseFiles.VerifiedSmallFile versionTxt = files.fetchSmallVerified(uri, file);
                Optional<String> mismatch = mismatch(recorded.get(), versionTxt.sha256(), versionTxt.sha512(), versionTxt.signatureSha256());
                if (mismatch.isPresent()) {
                    return new RepairResult.Mismatch(mismatch.get());
                }
                catalog.recordRepaired(channelName, board, version, files.store(key, versionTxt));
                return new RepairResult.Repaired();
            }
            Optional<ReleaseFiles.Staged> staged = files.fetch(channelName, key, file, uri, null);
            if (staged.isEmpty()) {
                return new RepairResult.Failed(SyncReason.MISSING_FILE, uri + " and its .sig answer 404");
            }
            Optional<String> mismatch = mismatch(recorded.get(), staged.get().sha256(), staged.get().sha512(), staged.get().signatureSha256());
            if (mismatch.isPresent()) {
                files.discard(staged.get());
                return new RepairResult.Mismatch(mismatch.get());
            }
            catalog.recordRepaired(channelName, board, version, files.commit(staged.get()));
            return new RepairResult.Repaired();
        } catch (SyncFailure failure) {
            log.warn("Could not repair {}: {} ({})", key, failure.getMessage(), failure.reason().code());
            return new RepairResult.Failed(failure.reason(), failure.getMessage());
        }
    }

    private static Optional<String> mismatch(VerifiedArtifact recorded, String sha256, String sha512, String signatureSha256) {
        if (!recorded.sha256().equals(sha256) || !recorded.sha512().equals(sha512)) {
            return Optional.of(recorded.name() + " from upstream now has SHA-256 " + sha256 + ", but was verified with SHA-256 "
                    + recorded.sha256() + " (and its SHA-512); a release's files never change, so it is not taken");
        }
        if (!recorded.signatureSha256().equals(signatureSha256)) {
            return Optional.of(recorded.name() + ".sig from upstream now has SHA-256 " + signatureSha256 + ", but was verified as "
                    + recorded.signatureSha256() + "; the served signature never changes, so it is not taken");
        }
        return Optional.empty();
    }
}
