package dev.flatcarmirror.provisioning;

import static dev.flatcarmirror.channel.ChannelProperties.DEFAULT_BOARD;

import dev.flatcarmirror.channel.NotFoundException;
import dev.flatcarmirror.channel.PublicUrls;
import dev.flatcarmirror.ignition.IgnitionConfigs;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The iPXE scripts: {@code /boot.ipxe} (what DHCP hands iPXE, as matchbox's), {@code /ipxe?mac=&uuid=&hostname=}
 * (the matched profile's script) and {@code /ipxe/{channel}} (a channel's current release, no profile needed).
 * Scripts name the versioned kernel and initrd URLs, so a machine boots one release even if a new one is
 * published while it loads. Never cached: "current" moves, and a script may carry a config's token.
 */
@Hidden
@RestController
class IpxeController {

    private static final MediaType SCRIPT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final BootReleases releases;
    private final Profiles profiles;
    private final IgnitionConfigs configs;
    private final PublicUrls urls;

    IpxeController(BootReleases releases, Profiles profiles, IgnitionConfigs configs, PublicUrls urls) {
        this.releases = releases;
        this.profiles = profiles;
        this.configs = configs;
        this.urls = urls;
    }

    @GetMapping("/boot.ipxe")
    ResponseEntity<String> boot(HttpServletRequest request) {
        return script(PxeBoot.bootstrap(urls.base(request)));
    }

    @GetMapping("/ipxe")
    ResponseEntity<String> forMachine(@RequestParam(required = false) String mac, @RequestParam(required = false) String uuid,
                                      @RequestParam(required = false) String hostname, @RequestParam(required = false) String token,
                                      HttpServletRequest request) {
        Selector machine;
        try {
            machine = Selector.of(mac, uuid, hostname);
        } catch (IllegalArgumentException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
            problem.setTitle("Bad machine identity");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        ProfileView profile = profiles.forMachine(machine).orElseThrow(() -> new NotFoundException("No matching profile",
                "no profile matches " + machine + " and there is no default profile (one without a selector)"));
        return render(request, profile.channel(), profile.board(), profile.ignition(), profile.kernelArgs(), token);
    }

    @GetMapping("/ipxe/{channel}")
    ResponseEntity<String> forChannel(@PathVariable String channel, @RequestParam(defaultValue = DEFAULT_BOARD) String board,
                                      @RequestParam(required = false) String ignition, @RequestParam(required = false) String token,
                                      HttpServletRequest request) {
        return render(request, channel, board, ignition, List.of(), token);
    }

    private ResponseEntity<String> render(HttpServletRequest request, String channel, String board, String ignition,
                                          List<String> extraArgs, String token) {
        BootReleases.PxeRelease release = releases.pxe(channel, board);
        String mirror = urls.base(request);
        String config = ignition != null ? ignition : configs.exists(IgnitionConfigs.DEFAULT) ? IgnitionConfigs.DEFAULT : null;
        String configUrl = null;
        if (config != null) {
            // Refused exactly like the config URL itself: same 404, whether unknown or not this client's.
            configUrl = configs.machineUrl(mirror, config, channel, request.getRemoteAddr(), token)
                    .orElseThrow(() -> IgnitionConfigs.unknown(config));
        }
        return script(PxeBoot.script(mirror, release.channel(), release.board(), release.version(), PxeBoot.kernelArgs(configUrl, extraArgs)));
    }

    private static ResponseEntity<String> script(String body) {
        return ResponseEntity.ok().contentType(SCRIPT).cacheControl(CacheControl.noStore()).body(body);
    }
}
