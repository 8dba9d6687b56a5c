package dev.flatcarmirror.integrity;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.catalog.QuarantinedFile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin operations on stored files; access control for {@code /admin/**} is the admin feature's. */
@RestController
class IntegrityAdminController {

    private final AtRestVerifier verifier;
    private final Catalog catalog;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reverify");
        thread.setDaemon(true);
        return thread;
    });

    IntegrityAdminController(AtRestVerifier verifier, Catalog catalog) {
        this.verifier = verifier;
        this.catalog = catalog;
    }

    /** Starts a pass over every stored file; its outcome shows in the log, the history and /admin/quarantine. */
    @PostMapping("/admin/reverify")
    ResponseEntity<Map<String, String>> reverify() {
        if (verifier.isRunning()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "already running"));
        }
        worker.submit(() -> {
            verifier.verifyAll();
            return null;
        });
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "started"));
    }

    @GetMapping("/admin/quarantine")
    List<QuarantinedFile> quarantine() {
        return catalog.quarantined();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
