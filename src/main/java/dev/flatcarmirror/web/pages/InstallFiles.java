package dev.flatcarmirror.web.pages;

/** The files Flatcar's installers and network boot read, by the names Flatcar gives them. */
final class InstallFiles {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final String PXE_KERNEL = "flatcar_production_pxe.vmlinuz";
    static final String PXE_INITRD = "flatcar_production_pxe_image.cpio.gz";

    private InstallFiles() {
    }

    /** As in Flatcar's iPXE documentation; the Ignition URL is the one line people must change. */
    static String ipxeScript(String versionBaseUrl) {
        return "#!ipxe\n\n"
                + "set base-url " + versionBaseUrl + "\n"
                + "kernel ${base-url}/" + PXE_KERNEL + " initrd=" + PXE_INITRD
                + " flatcar.first_boot=1 ignition.config.url=https://example.com/pxe-config.ign\n"
                + "initrd ${base-url}/" + PXE_INITRD + "\n"
                + "boot\n";
    }
}
