package dev.flatcarmirror.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface BoardStreamRepository extends JpaRepository<BoardStream, Long> {

    Optional<BoardStream> findByChannelBoardChannelNameAndChannelBoardBoardAndStream(String channel, String board, String stream);

    List<BoardStream> findByChannelBoardChannelNameAndChannelBoardBoardOrderByStream(String channel, String board);

    List<BoardStream> findByChannelBoardChannelNameOrderByChannelBoardBoardAscStreamAsc(String channel);
}
