package dev.flatcarmirror.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ReleaseRepository extends JpaRepository<Release, Long> {

    Optional<Release> findByChannelNameAndBoardAndVersion(String channel, String board, String version);

    List<Release> findByChannelNameAndBoard(String channel, String board);

    /** The board's releases in the state, each with its channel and files, in one query. */
    @Query("select distinct r from Release r join fetch r.channel c left join fetch r.artifacts "
            + "where c.name = :channel and r.board = :board and r.state = :state")
    List<Release> findWithArtifactsByState(String channel, String board, ReleaseState state);
}
