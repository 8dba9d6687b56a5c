package dev.flatcarmirror.admin;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.Channels;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the running mirror; every path under /admin needs the admin credentials. */
@RestController
@RequestMapping("/admin")
class AdminController {

    private final Channels lookup;
    private final AdminSyncs syncs;

    AdminController(Channels lookup, AdminSyncs syncs) {
        this.lookup = lookup;
        this.syncs = syncs;
    }

    /** Polls every board of the channel now, in the background; the outcome shows in the channel's history. */
    @PostMapping("/channels/{channel}/sync")
    ResponseEntity<SyncRequested> sync(@PathVariable String channel, Principal principal) {
        ChannelProperties config = lookup.channel(channel);
        boolean queued = syncs.request(config.name(), principal.getName());
        String history = "/channels/" + config.name() + "/history";
        return ResponseEntity.accepted().body(new SyncRequested(config.name(), config.boards(), queued, history));
    }
}
