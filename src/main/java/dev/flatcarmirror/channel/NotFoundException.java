package dev.flatcarmirror.channel;

import dev.flatcarmirror.Untrusted;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Rendered as an RFC 9457 problem with status 404 and a detail naming what was not found. The
 * factories are the one wording of each "not found" the service answers; values from a request are
 * quoted through {@link Untrusted}.
 */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, problem(title, detail), null);
    }

    public static NotFoundException unknownChannel(String name) {
        return new NotFoundException("Unknown channel", "channel '" + Untrusted.shown(name) + "' is not mirrored here");
    }

    public static NotFoundException unknownBoard(ChannelProperties channel, String board) {
        return new NotFoundException("Unknown board", "board '" + Untrusted.shown(board) + "' of channel '" + channel.name()
                + "' is not mirrored here; boards: " + channel.boards());
    }

    /** @param known the board's streams besides current, which always exists */
    public static NotFoundException unknownStream(ChannelProperties channel, String board, String stream, List<String> known) {
        List<String> all = new ArrayList<>(List.of(Streams.CURRENT));
        all.addAll(known);
        return new NotFoundException("Unknown stream", "stream '" + Untrusted.shown(stream) + "' of channel '" + channel.name()
                + "' board '" + board + "' is not mirrored here; streams: " + all);
    }

    public static NotFoundException nothingPublishedInStream(String channel, String board, String stream) {
        return new NotFoundException("Nothing published yet",
                "channel '" + channel + "' board '" + board + "' stream '" + stream + "' has no published release yet");
    }

    public static NotFoundException nothingPublished(String channel, String board) {
        return new NotFoundException("Nothing published yet",
                "channel '" + channel + "' board '" + board + "' has no published release yet");
    }

    /** Stream metadata lists architectures only: a channel of other boards has nothing to describe. */
    public static NotFoundException nothingPublishedOfKnownArchitecture(String channel) {
        return new NotFoundException("Nothing published yet", "channel '" + channel + "' has no published release of a known "
                + "architecture (amd64-usr, arm64-usr) yet");
    }

    /** A release control operation named a version the internal channel could not serve. */
    public static NotFoundException unservableRelease(String followed, String board, String version, String internalChannel) {
        return new NotFoundException("Unknown release", "channel '" + followed + "' board '" + board + "' has no published release '"
                + Untrusted.shown(version) + "' that internal channel '" + internalChannel + "' could serve");
    }

    public static NotFoundException unknownRelease(String channel, String board, String version) {
        return new NotFoundException("Unknown release", "channel '" + channel + "' board '" + board + "' has no release '"
                + Untrusted.shown(version) + "'");
    }

    public static NotFoundException unknownFile(String channel, String board, String version, String file) {
        return new NotFoundException("File not found", "no verified file '" + Untrusted.shown(file) + "' in published release '"
                + Untrusted.shown(version) + "' of " + channel + "/" + board);
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return problem;
    }
}
