package dev.flatcarmirror.provisioning;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.NotFoundException;
import dev.flatcarmirror.ignition.IgnitionConfigs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/** The profiles, and which one a machine gets. */
@Service
@Transactional
class Profiles {

    /** The body of {@code PUT /admin/profiles/{name}}. */
    record Definition(SelectorBody selector, String channel, String board, String ignition, List<String> kernelArgs) {
    }

    record SelectorBody(String mac, String uuid, String hostname) {
    }

    private final ProfileRepository profiles;
    private final ServedChannels channels;
    private final IgnitionConfigs configs;
    private final Clock clock;

    Profiles(ProfileRepository profiles, ServedChannels channels, IgnitionConfigs configs, Clock clock) {
        this.profiles = profiles;
        this.channels = channels;
        this.configs = configs;
        this.clock = clock;
    }

    /** @return whether the profile was created (rather than replaced) */
    boolean put(String name, Definition definition) {
        List<String> problems = new ArrayList<>();
        if (!IgnitionConfigs.isValidName(name)) {
            problems.add("name: 1 to 63 lowercase letters, digits, '-' and '_'");
        }
        Selector selector = Selector.NONE;
        SelectorBody body = definition.selector();
        try {
            selector = body == null ? Selector.NONE : Selector.of(body.mac(), body.uuid(), body.hostname());
        } catch (IllegalArgumentException e) {
            problems.add("selector: " + e.getMessage());
        }
        String board = definition.board() == null ? ChannelProperties.DEFAULT_BOARD : definition.board();
        Optional<ChannelProperties> channel = definition.channel() == null ? Optional.empty() : channels.find(definition.channel());
        if (channel.isEmpty()) {
            problems.add("channel: '" + dev.flatcarmirror.Untrusted.shown(definition.channel()) + "' is not a channel mirrored here; channels: "
                    + channels.all().stream().map(ChannelProperties::name).toList());
        } else if (!channel.get().boards().contains(board)) {
            problems.add("board: '" + dev.flatcarmirror.Untrusted.shown(board) + "' is not mirrored for channel " + channel.get().name()
                    + "; boards: " + channel.get().boards());
        }
        if (definition.ignition() != null && !configs.exists(definition.ignition())) {
            problems.add("ignition: no Ignition config '" + dev.flatcarmirror.Untrusted.shown(definition.ignition())
                    + "' here (PUT /admin/ignition/{name} first)");
        }
        List<String> args = definition.kernelArgs() == null ? List.of() : definition.kernelArgs();
        problems.addAll(KernelArgs.problems(args));
        if (!problems.isEmpty()) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid profile", "profile '" + dev.flatcarmirror.Untrusted.shown(name)
                    + "' was not stored: " + String.join("; ", problems), problems);
        }
        Optional<Profile> clash = profiles.findBySelectorKey(selector.key()).filter(other -> !other.name().equals(name));
        if (clash.isPresent()) {
            throw problem(HttpStatus.CONFLICT, "Selector already in use", "profile '" + clash.get().name() + "' already has selector "
                    + selector + "; change or delete it first", List.of("selector"));
        }
        Optional<Profile> existing = profiles.findByName(name);
        Profile profile = existing.orElseGet(() -> new Profile(name));
        profile.define(selector, channel.get().name(), board, definition.ignition(), args, clock.instant());
        profiles.saveAndFlush(profile);
        return existing.isEmpty();
    }

    @Transactional(readOnly = true)
    List<ProfileView> all() {
        return profiles.findAllByOrderByName().stream().map(Profile::view).toList();
    }

    @Transactional(readOnly = true)
    ProfileView get(String name) {
        return profiles.findByName(name).map(Profile::view).orElseThrow(() -> unknown(name));
    }

    void delete(String name) {
        profiles.delete(profiles.findByName(name).orElseThrow(() -> unknown(name)));
    }

    /**
     * The profile for a machine: among those whose selector it matches, the one naming the most values; between
     * equally specific ones, MAC before UUID before hostname. The default profile (no selector) matches last.
     */
    @Transactional(readOnly = true)
    Optional<ProfileView> forMachine(Selector machine) {
        return profiles.findAll().stream().map(Profile::view).filter(profile -> profile.selector().matches(machine))
                .max(Comparator.comparingInt((ProfileView profile) -> profile.selector().specificity())
                        .thenComparing(profile -> profile.selector().mac() != null)
                        .thenComparing(profile -> profile.selector().uuid() != null));
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException("Unknown profile", "no profile '" + dev.flatcarmirror.Untrusted.shown(name) + "' here");
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail, List<String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        return new ErrorResponseException(status, problem, null);
    }
}
