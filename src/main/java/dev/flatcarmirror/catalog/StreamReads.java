package dev.flatcarmirror.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What {@link StreamQueries} loads from the database when its cached answer is gone. */
@Component
@Transactional(readOnly = true)
class StreamReads {

    private final BoardStreamRepository streams;

    StreamReads(BoardStreamRepository streams) {
        this.streams = streams;
    }

    List<StreamStatus> statuses(String channel, String board) {
        return streams.findByChannelBoardChannelNameAndChannelBoardBoardOrderByStream(channel, board).stream()
                .map(BoardStream::status).toList();
    }

    Optional<ReleaseView> current(String channel, String board, String stream) {
        return streams.findByChannelBoardChannelNameAndChannelBoardBoardAndStream(channel, board, stream)
                .map(BoardStream::currentRelease)
                .map(release -> CatalogReads.view(release, true));
    }
}
