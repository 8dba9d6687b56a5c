package dev.flatcarmirror.ignition;

import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code /admin/ignition/**}: configs as managed documents; the admin security covers every path here. */
@RestController
@RequestMapping("/admin/ignition")
class IgnitionAdminController {

    /** The answer to a PUT and to a token rotation; {@code url} is what machines use, with the token if one is needed. */
    record Answer(String name, int version, String sha256, String url) {
    }

    /** A config in the list. */
    record Listed(String name, int version, String sha256, long size, Instant updatedAt, String url, boolean tokenRequired,
                  List<String> networks) {
    }

    /** One config with its history, newest first, and its current content. */
    record Details(String name, int version, String sha256, long size, Instant updatedAt, String url, String token,
                   List<String> networks, List<VersionView> versions, JsonNode content) {
    }

    private final IgnitionConfigs configs;
    private final IgnitionProperties properties;
    private final PublicUrls urls;
    private final ObjectMapper json;

    IgnitionAdminController(IgnitionConfigs configs, IgnitionProperties properties, PublicUrls urls, ObjectMapper json) {
        this.configs = configs;
        this.properties = properties;
        this.urls = urls;
        this.json = json;
    }

    /**
     * Creates or replaces a config. {@code access=token} makes machines need the token in the URL (one is generated
     * the first time, then kept), {@code access=open} drops it; {@code cidrs} (comma-separated, empty for any)
     * restricts the client networks. Without them, the config keeps what it had.
     */
    @PutMapping("/{name}")
    ResponseEntity<Answer> put(@PathVariable String name, @RequestParam(required = false) String reason,
                               @RequestParam(required = false) String access, @RequestParam(required = false) String cidrs,
                               HttpServletRequest request) throws IOException {
        Access parsedAccess = access == null ? null : Access.parse(name, access);
        Networks networks = cidrs == null ? null : networks(name, cidrs);
        byte[] body = boundedBody(name, request);
        IgnitionConfigs.Stored stored = configs.put(name, body, reason, parsedAccess, networks);
        Answer answer = answer(stored, request);
        return stored.created()
                ? ResponseEntity.created(URI.create(MirrorPaths.ignitionAdmin(name))).body(answer)
                : ResponseEntity.ok(answer);
    }

    @GetMapping
    List<Listed> list(HttpServletRequest request) {
        String base = urls.base(request);
        return configs.list().stream().map(config -> new Listed(config.name(), config.version(), config.sha256(), config.size(),
                config.updatedAt(), IgnitionConfigs.url(base, config.name(), null, config.token()), config.token() != null,
                config.networks())).toList();
    }

    @GetMapping("/{name}")
    ResponseEntity<Details> get(@PathVariable String name, HttpServletRequest request) {
        ConfigSummary config = configs.summary(name);
        JsonNode content = json.readTree(configs.content(name, config.version()));
        Details details = new Details(config.name(), config.version(), config.sha256(), config.size(), config.updatedAt(),
                IgnitionConfigs.url(urls.base(request), name, null, config.token()), config.token(), config.networks(),
                configs.history(name), content);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(details);
    }

    /** One earlier (or the current) version, byte for byte as it was uploaded. */
    @GetMapping("/{name}/versions/{version}")
    ResponseEntity<String> version(@PathVariable String name, @PathVariable int version) {
        return ResponseEntity.ok().contentType(IgnitionServingController.IGNITION).cacheControl(CacheControl.noStore())
                .body(configs.content(name, version));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        configs.delete(name);
        return ResponseEntity.noContent().build();
    }

    /** A new token; the old one stops working at once. A config that needed none needs one from now on. */
    @PostMapping("/{name}/token")
    Answer rotateToken(@PathVariable String name, HttpServletRequest request) {
        return answer(configs.rotateToken(name), request);
    }

    private Answer answer(IgnitionConfigs.Stored stored, HttpServletRequest request) {
        return new Answer(stored.name(), stored.version(), stored.sha256(),
                IgnitionConfigs.url(urls.base(request), stored.name(), null, stored.token()));
    }

    /** Reads at most one byte more than the limit, so an endless body cannot fill the memory. */
    private byte[] boundedBody(String name, HttpServletRequest request) throws IOException {
        long max = properties.maxSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw new InvalidConfigException(name, List.of(ConfigError.of("$", ConfigProblem.TOO_LARGE, "the config is "
                    + request.getContentLengthLong() + " bytes, more than mirror.ignition.max-size (" + max + " bytes)")));
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) max + 1);
            if (body.length > max) {
                throw new InvalidConfigException(name, List.of(ConfigError.of("$", ConfigProblem.TOO_LARGE,
                        "the config is more than mirror.ignition.max-size (" + max + " bytes)")));
            }
            return body;
        }
    }

    private static Networks networks(String name, String cidrs) {
        try {
            return Networks.parse(Arrays.asList(cidrs.split(",")));
        } catch (IllegalArgumentException e) {
            throw InvalidConfigException.badParameter(name, "cidrs", e.getMessage());
        }
    }


    /** Two requests changed the same config at once and the catalog's unique keys kept one; the other may simply retry. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail concurrentChange(DataIntegrityViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "another request changed this config at the same time; nothing of this request was stored, retry it");
        problem.setTitle("Concurrent change");
        return problem;
    }
}
