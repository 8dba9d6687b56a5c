package dev.flatcarmirror.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ArtifactRepository extends JpaRepository<Artifact, Long> {

    @Query("select a from Artifact a join fetch a.release r join fetch r.channel where a.state = :state order by a.id")
    List<Artifact> findWithReleaseByState(ArtifactState state);

    /** A file name, and a release of the board in which it was verified. */
    interface VerifiedName {

        String getName();

        String getVersion();
    }

    @Query("select distinct a.name as name, r.version as version from Artifact a join a.release r join r.channel c "
            + "where c.name = :channel and r.board = :board and a.sha256 is not null")
    List<VerifiedName> findNamesVerifiedOnBoard(String channel, String board);
}
