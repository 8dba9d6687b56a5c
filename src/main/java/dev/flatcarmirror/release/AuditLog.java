package dev.flatcarmirror.release;

import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The audit log as the pages read it. */
@Component
@Transactional(readOnly = true)
public class AuditLog {

    private final AuditRepository audit;

    AuditLog(AuditRepository audit) {
        this.audit = audit;
    }

    /** The latest entries, newest first; of one channel unless {@code channel} is null. */
    public List<AuditView> latest(String channel, int limit) {
        PageRequest page = PageRequest.of(0, limit);
        List<AuditEntry> entries = channel == null ? audit.findByOrderByOccurredAtDescIdDesc(page)
                : audit.findByChannelOrderByOccurredAtDescIdDesc(channel, page);
        return entries.stream().map(AuditEntry::view).toList();
    }
}
