package dev.flatcarmirror.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ChannelRepository extends JpaRepository<Channel, Long> {

    Optional<Channel> findByName(String name);
}
