package dev.flatcarmirror.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ChannelBoardRepository extends JpaRepository<ChannelBoard, Long> {

    Optional<ChannelBoard> findByChannelNameAndBoard(String channel, String board);

    List<ChannelBoard> findByChannelNameOrderByBoard(String channel);
}
