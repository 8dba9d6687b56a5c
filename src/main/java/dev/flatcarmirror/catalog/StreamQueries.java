package dev.flatcarmirror.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side of a board's streams besides {@code current/} ({@link BoardStreams}), for the HTTP interface: views only. */
@Service
@Transactional(readOnly = true)
public class StreamQueries {

    private final BoardStreamRepository streams;

    StreamQueries(BoardStreamRepository streams) {
        this.streams = streams;
    }

    /** The board's streams other than {@code current/}, supported or not, in name order. */
    public List<StreamStatus> statuses(String channel, String board) {
        return streams.findByChannelBoardChannelNameAndChannelBoardBoardOrderByStream(channel, board).stream()
                .map(BoardStream::status).toList();
    }

    /** The stream's current release; empty when the stream is unknown or nothing is published in it yet. */
    public Optional<ReleaseView> current(String channel, String board, String stream) {
        return streams.findByChannelBoardChannelNameAndChannelBoardBoardAndStream(channel, board, stream)
                .map(BoardStream::currentRelease)
                .map(release -> CatalogQueries.view(release, true));
    }

    public Optional<StreamStatus> status(String channel, String board, String stream) {
        return streams.findByChannelBoardChannelNameAndChannelBoardBoardAndStream(channel, board, stream).map(BoardStream::status);
    }
}
