package dev.flatcarmirror.provisioning;

import java.net.URI;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/profiles/**}: which machines boot what. */
@RestController
@RequestMapping("/admin/profiles")
class ProfileAdminController {

    private final Profiles profiles;

    ProfileAdminController(Profiles profiles) {
        this.profiles = profiles;
    }

    @PutMapping("/{name}")
    ResponseEntity<ProfileView> put(@PathVariable String name, @RequestBody Profiles.Definition definition) {
        boolean created = profiles.put(name, definition);
        ProfileView view = profiles.get(name);
        return created ? ResponseEntity.created(URI.create("/admin/profiles/" + name)).body(view) : ResponseEntity.ok(view);
    }

    @GetMapping
    List<ProfileView> list() {
        return profiles.all();
    }

    @GetMapping("/{name}")
    ProfileView get(@PathVariable String name) {
        return profiles.get(name);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        profiles.delete(name);
        return ResponseEntity.noContent().build();
    }

    /** Two requests changed the same profile at once and the catalog's unique keys kept one; the other may simply retry. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail concurrentChange(DataIntegrityViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "another request changed this profile at the same time; nothing of this request was stored, retry it");
        problem.setTitle("Concurrent change");
        return problem;
    }
}
