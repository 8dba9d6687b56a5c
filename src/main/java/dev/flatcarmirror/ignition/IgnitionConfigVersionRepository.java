package dev.flatcarmirror.ignition;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface IgnitionConfigVersionRepository extends JpaRepository<IgnitionConfigVersion, Long> {

    Optional<IgnitionConfigVersion> findByConfigIdAndVersion(long configId, int version);

    /** Newest first. */
    List<IgnitionConfigVersion> findByConfigIdOrderByVersionDesc(long configId);
}
