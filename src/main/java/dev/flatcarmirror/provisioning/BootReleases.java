package dev.flatcarmirror.provisioning;

import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.NotFoundException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which release a channel's board boots now. Every provisioning answer (the iPXE scripts, the streams) asks
 * here, so a channel whose current release is chosen differently (one that follows another with a soak time,
 * a pinned version) changes this one method.
 */
@Component
public class BootReleases {

    private final ServedChannels channels;
    private final CurrentReleases catalog;

    BootReleases(ServedChannels channels, CurrentReleases catalog) {
        this.channels = channels;
        this.catalog = catalog;
    }

    /** The board's current published release; 404 for an unknown channel or board. */
    public Optional<ReleaseView> current(String channel, String board) {
        channels.channelWithBoard(channel, board);
        return catalog.current(channel, board).filter(ReleaseView::isPublished);
    }

    /** The current release with its verified PXE kernel and initrd, or a 404 problem saying what is missing. */
    PxeRelease pxe(String channel, String board) {
        ReleaseView release = current(channel, board).orElseThrow(() -> NotFoundException.nothingPublished(channel, board));
        Optional<ArtifactView> kernel = verified(release, ChannelProperties.PXE_KERNEL);
        Optional<ArtifactView> initrd = verified(release, ChannelProperties.PXE_INITRD);
        if (kernel.isEmpty() || initrd.isEmpty()) {
            throw new NotFoundException("No PXE files", "release " + release.version() + " of " + channel + "/" + board
                    + " has no verified " + (kernel.isEmpty() ? ChannelProperties.PXE_KERNEL : ChannelProperties.PXE_INITRD)
                    + "; mirror both PXE files (mirror.channels[i].artifacts) to boot it over the network");
        }
        return new PxeRelease(channel, board, release.version());
    }

    static Optional<ArtifactView> verified(ReleaseView release, String name) {
        return release.verifiedArtifacts().stream().filter(artifact -> artifact.name().equals(name)).findFirst();
    }

    /** A release that can be booted over the network. */
    record PxeRelease(String channel, String board, String version) {
    }
}
