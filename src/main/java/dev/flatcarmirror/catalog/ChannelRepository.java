package dev.flatcarmirror.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ChannelRepository extends JpaRepository<Channel, Long> {

    Optional<Channel> findByName(String name);
}
