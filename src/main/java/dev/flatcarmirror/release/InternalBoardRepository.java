package dev.flatcarmirror.release;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface InternalBoardRepository extends JpaRepository<InternalBoard, Long> {

    Optional<InternalBoard> findByChannelAndBoard(String channel, String board);

    List<InternalBoard> findByChannel(String channel);
}
