package dev.flatcarmirror.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReleaseRepository extends JpaRepository<Release, Long> {

    Optional<Release> findByChannelNameAndBoardAndVersion(String channel, String board, String version);

    List<Release> findByChannelNameAndBoard(String channel, String board);
}
