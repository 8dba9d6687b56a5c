package dev.flatcarmirror.retention;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dry run and an immediate pass; access control for {@code /admin/**} is the admin feature's. */
@RestController
class RetentionController {

    private final RetentionPass pass;

    RetentionController(RetentionPass pass) {
        this.pass = pass;
    }

    /** Exactly what the next pass removes, and why; and what it keeps, and why. Changes nothing. */
    @GetMapping("/admin/retention/plan")
    RetentionPlan plan() {
        return pass.plan();
    }

    /** Runs a pass now and answers what it did. */
    @PostMapping("/admin/retention/run")
    RetentionPlan run() throws InterruptedException {
        return pass.run();
    }
}
