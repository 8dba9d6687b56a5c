package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.catalog.ReleaseVersion;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Fetches one file of a known release again, verified as on the first day, to replace a damaged copy. */
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

    /** @return whether the file is verified and stored again */
    public boolean refetch(String channelName, String board, String version, String file) throws InterruptedException {
        Optional<ChannelProperties> channel = properties.channel(channelName);
        if (channel.isEmpty() || !ReleaseVersion.isSafe(version)) {
            return false;
        }
        ObjectKey key = ObjectKey.of(channelName, board, version, file);
        try {
            if (BoardSync.VERSION_TXT.equals(file)) {
                var versionTxt = files.fetchSmallVerified(channel.get().fileUri(board, version, file), file);
                catalog.recordVerified(channelName, board, version, files.store(key, versionTxt));
                return true;
            }
            var mirrored = files.mirror(key, file, channel.get().fileUri(board, version, file));
            mirrored.ifPresent(artifact -> catalog.recordVerified(channelName, board, version, artifact));
            return mirrored.isPresent();
        } catch (SyncFailure failure) {
            log.warn("Could not repair {}: {} ({})", key, failure.getMessage(), failure.reason().code());
            return false;
        }
    }
}
