package dev.flatcarmirror.channel;

import java.util.regex.Pattern;

/**
 * Upstream's streams of a board: {@code current/}, and on LTS the yearly {@code current-YYYY/} ones that LTS users pin to
 * ({@code lts-info} lists them as {@code major:year:supported}). Each is a signed pointer the sync follows on its own;
 * the releases they point to are the board's, shared.
 */
public final class Streams {

    /** The stream every channel has, the one {@code flatcar-install} follows. */
    public static final String CURRENT = MirrorPaths.CURRENT;
    /** A stream name; it is also a path segment, so nothing else is accepted. */
    static final String NAME = "current|current-[0-9]{4}";
    private static final Pattern YEARLY = Pattern.compile("current-[0-9]{4}");

    private Streams() {
    }

    /** {@code current-YYYY}: never a version number, so a path segment of this form always means a stream. */
    public static boolean isYearly(String segment) {
        return segment != null && YEARLY.matcher(segment).matches();
    }

    public static String yearly(int year) {
        return "current-" + year;
    }

    /** Whether the channel's streams come from its {@code lts-info}: lts (Flatcar's stage 3) without a configured list. */
    public static boolean discoversFromLtsInfo(ChannelProperties channel) {
        return channel.configuredStreams().isEmpty() && channel.expectedBranch() == LTS_BRANCH;
    }

    private static final int LTS_BRANCH = 3;
}
