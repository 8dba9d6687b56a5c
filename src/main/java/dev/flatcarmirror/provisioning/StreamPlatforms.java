package dev.flatcarmirror.provisioning;

import dev.flatcarmirror.channel.ChannelProperties;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Flatcar file goes in Fedora CoreOS's stream metadata ({@code coreos/stream-metadata-go}, stream.go):
 * architecture from the board, then platform, format and role ({@code disk}, {@code kernel}, {@code initramfs}).
 * As in Fedora CoreOS, the PXE kernel and initramfs are the {@code pxe} format of platform {@code metal}.
 * Files whose platform is not known here are left out rather than guessed.
 */
final class StreamPlatforms {

    record Place(String platform, String format, String role) {
    }

    static final Map<String, String> ARCHITECTURES = Map.of("amd64-usr", "x86_64", "arm64-usr", "aarch64");

    private static final Map<String, Place> FILES = Map.ofEntries(
            Map.entry(ChannelProperties.IMAGE, new Place("metal", "raw.bz2", "disk")),
            Map.entry(ChannelProperties.PXE_KERNEL, new Place("metal", "pxe", "kernel")),
            Map.entry(ChannelProperties.PXE_INITRD, new Place("metal", "pxe", "initramfs")),
            Map.entry("flatcar_production_qemu_image.img", new Place("qemu", "qcow2", "disk")),
            Map.entry("flatcar_production_qemu_image.img.bz2", new Place("qemu", "qcow2.bz2", "disk")),
            Map.entry("flatcar_production_openstack_image.img.bz2", new Place("openstack", "qcow2.bz2", "disk")),
            Map.entry("flatcar_production_openstack_image.img.gz", new Place("openstack", "qcow2.gz", "disk")),
            Map.entry("flatcar_production_vmware_ova.ova", new Place("vmware", "ova", "disk")),
            Map.entry("flatcar_production_azure_image.vhd.bz2", new Place("azure", "vhd.bz2", "disk")),
            Map.entry("flatcar_production_gce.tar.gz", new Place("gcp", "tar.gz", "disk")),
            Map.entry("flatcar_production_digitalocean_image.bin.bz2", new Place("digitalocean", "raw.bz2", "disk")));

    private StreamPlatforms() {
    }

    static Optional<String> architecture(String board) {
        return Optional.ofNullable(ARCHITECTURES.get(board));
    }

    static Optional<Place> place(String file) {
        return Optional.ofNullable(FILES.get(file));
    }
}
