package dev.flatcarmirror.gc;

import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Garbage collection on demand; access control for {@code /admin/**} is the admin feature's. */
@RestController
class GcController {

    private final GarbageCollector collector;

    GcController(GarbageCollector collector) {
        this.collector = collector;
    }

    /** The orphans a sweep would remove now, and the younger ones it would leave. Changes nothing. */
    @GetMapping("/admin/gc/plan")
    GcReport plan() throws IOException {
        return collector.sweep(true);
    }

    /** Sweeps now and answers what was removed. */
    @PostMapping("/admin/gc/run")
    GcReport run() throws IOException {
        return collector.sweep(false);
    }
}
