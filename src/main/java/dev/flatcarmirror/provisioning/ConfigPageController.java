package dev.flatcarmirror.provisioning;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.PublicUrls;
import dev.flatcarmirror.ignition.ConfigSummary;
import dev.flatcarmirror.ignition.IgnitionConfigs;
import dev.flatcarmirror.ignition.VersionView;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /admin/ignition/{name}/page}: a config as a person provisioning with it needs it: its machine URL (token
 * redacted), the kernel arguments and iPXE snippets that boot with it, its versions, and a diff of two of them
 * ({@code ?from=1&to=3}; by default the previous and the current). Under {@code /admin}, so it needs the admin
 * credentials: a config's content can hold secrets.
 */
@Hidden
@Controller
class ConfigPageController {

    /** What the page shows; {@code diff} is null when it is too long to compute here. */
    record ConfigPage(ConfigSummary config, String url, boolean tokenRequired, String kernelArgs, List<Snippet> snippets,
                      List<VersionView> versions, Integer from, Integer to, List<LineDiff.Line> diff, String content) {
    }

    /** An iPXE script chaining to one channel's route with this config. */
    record Snippet(String channel, String board, String script) {
    }

    private static final ObjectMapper PRETTY = JsonMapper.builder().build();

    private final IgnitionConfigs configs;
    private final ServedChannels channels;
    private final PublicUrls urls;

    ConfigPageController(IgnitionConfigs configs, ServedChannels channels, PublicUrls urls) {
        this.configs = configs;
        this.channels = channels;
        this.urls = urls;
    }

    @GetMapping(path = "/admin/ignition/{name}/page", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String name, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
                HttpServletRequest request, Model model) {
        ConfigSummary config = configs.summary(name);
        String mirror = urls.base(request);
        String url = configs.pageUrl(mirror, name, null).orElseThrow();
        boolean token = config.token() != null;
        List<Snippet> snippets = channels.all().stream().map(channel -> snippet(mirror, channel, name, token)).toList();
        int newer = to == null ? config.version() : to;
        int older = from == null ? Math.max(1, newer - 1) : from;
        List<LineDiff.Line> diff = LineDiff.of(pretty(configs.content(name, older)), pretty(configs.content(name, newer))).orElse(null);
        model.addAttribute("page", new ConfigPage(config, url, token, String.join(" ", PxeBoot.kernelArgs(url, List.of())), snippets,
                configs.history(name), older, newer, diff, pretty(configs.content(name, config.version()))));
        model.addAttribute("adminUrl", MirrorPaths.ignitionAdmin(name));
        return "provisioning/config";
    }

    private static Snippet snippet(String mirror, ChannelProperties channel, String name, boolean token) {
        String board = channel.boards().get(0);
        String script = PxeBoot.chainSnippet(mirror, channel.name(), board, name);
        // A token config needs &token= on this route unless its networks vouch for the machine; shown, never given.
        return new Snippet(channel.name(), board, token ? script.replace("ignition=" + name + "\n", "ignition=" + name + "&token=<redacted>\n") : script);
    }

    private static String pretty(String json) {
        return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(json));
    }
}
