package dev.flatcarmirror.channel;

/**
 * The one place that knows the mirror's URL layout, which is upstream's:
 * {@code /{channel}/{board}/{version}/{file}}, its {@code .sig} beside it, and {@code current/}
 * standing for the board's current version. Paths are relative to the mirror's root; every segment
 * was validated (configured names, {@link dev.flatcarmirror.catalog.ReleaseVersion}s, catalogued file names).
 */
public final class MirrorPaths {

    public static final String CURRENT = "current";
    public static final String SIGNATURE_SUFFIX = ".sig";

    private MirrorPaths() {
    }

    /** {@code /{channel}/}. */
    public static String channel(String channel) {
        return "/" + channel + "/";
    }

    /** {@code /{channel}/{board}/}. */
    public static String board(String channel, String board) {
        return boardBase(channel, board) + "/";
    }

    /** {@code /{channel}/{board}}, what {@code flatcar-install -b} takes after the host. */
    public static String boardBase(String channel, String board) {
        return "/" + channel + "/" + board;
    }

    /** {@code /{channel}/{board}/{version}/}; {@code version} may be {@link #CURRENT}. */
    public static String version(String channel, String board, String version) {
        return versionBase(channel, board, version) + "/";
    }

    /** {@code /{channel}/{board}/{version}}, the base of a release's files in scripts. */
    public static String versionBase(String channel, String board, String version) {
        return boardBase(channel, board) + "/" + version;
    }

    /** {@code /{channel}/{board}/{version}/{file}}. */
    public static String file(String channel, String board, String version, String file) {
        return version(channel, board, version) + file;
    }

    /** The detached signature served beside {@link #file}. */
    public static String signature(String channel, String board, String version, String file) {
        return file(channel, board, version, file) + SIGNATURE_SUFFIX;
    }

    /** {@code /ignition/{name}.ign}: an Ignition config as machines fetch it; {@code name} was validated. */
    public static String ignitionConfig(String name) {
        return "/ignition/" + name + IGNITION_SUFFIX;
    }

    public static final String IGNITION_SUFFIX = ".ign";

    /** {@code /admin/ignition/{name}}: the config's admin resource, and its page. */
    public static String ignitionAdmin(String name) {
        return "/admin/ignition/" + name;
    }

    /** {@code /boot.ipxe}: the script DHCP points iPXE at; it chains to {@link #ipxeForMachine()}. */
    public static String bootScript() {
        return "/boot.ipxe";
    }

    /** {@code /ipxe}: the script for the machine a profile's selector matches. */
    public static String ipxeForMachine() {
        return "/ipxe";
    }

    /** {@code /ipxe/{channel}}: the script booting the channel's current release. */
    public static String ipxeForChannel(String channel) {
        return "/ipxe/" + channel;
    }

    /** {@code /streams/{channel}.json}: stream metadata in Fedora CoreOS's shape. */
    public static String stream(String channel) {
        return "/streams/" + channel + ".json";
    }

    /** {@code /channels/{channel}/releases.atom}: the feed of published releases. */
    public static String releasesFeed(String channel) {
        return "/channels/" + channel + "/releases.atom";
    }
}
