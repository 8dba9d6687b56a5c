package dev.flatcarmirror.catalog;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface SyncEventRepository extends JpaRepository<SyncEvent, Long> {

    List<SyncEvent> findByChannelOrderByOccurredAtDescIdDesc(String channel, Pageable page);
}
