package dev.flatcarmirror.release;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditRepository extends JpaRepository<AuditEntry, Long> {

    List<AuditEntry> findByOrderByOccurredAtDescIdDesc(Pageable page);

    List<AuditEntry> findByChannelOrderByOccurredAtDescIdDesc(String channel, Pageable page);
}
