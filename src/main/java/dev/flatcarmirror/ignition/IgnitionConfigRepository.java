package dev.flatcarmirror.ignition;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface IgnitionConfigRepository extends JpaRepository<IgnitionConfig, Long> {

    Optional<IgnitionConfig> findByName(String name);

    List<IgnitionConfig> findByDeletedAtIsNullOrderByName();
}
