package dev.flatcarmirror.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ArtifactRepository extends JpaRepository<Artifact, Long> {

    @Query("select a from Artifact a join fetch a.release r join fetch r.channel where a.state = :state order by a.id")
    List<Artifact> findWithReleaseByState(ArtifactState state);
}
