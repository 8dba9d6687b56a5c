package dev.flatcarmirror.web.pages;

import java.util.List;

/**
 * Ready-to-copy commands for one published release, with this mirror's own base URL in them.
 *
 * @param downloads      one {@code curl} per verified file, fetching its signature along
 * @param flatcarInstall null unless the disk image is mirrored
 * @param ipxe           a script booting the PXE kernel and initrd, or null unless both are mirrored
 */
record InstallCommands(List<String> downloads, String flatcarInstall, String ipxe) {
}
