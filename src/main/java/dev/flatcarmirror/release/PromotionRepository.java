package dev.flatcarmirror.release;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface PromotionRepository extends JpaRepository<Promotion, Long> {

    List<Promotion> findByChannelAndBoard(String channel, String board);

    boolean existsByChannelAndBoardAndVersion(String channel, String board, String version);
}
