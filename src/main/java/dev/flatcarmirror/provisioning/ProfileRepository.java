package dev.flatcarmirror.provisioning;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProfileRepository extends JpaRepository<Profile, Long> {

    Optional<Profile> findByName(String name);

    Optional<Profile> findBySelectorKey(String selectorKey);

    List<Profile> findAllByOrderByName();
}
