package dev.flatcarmirror.provisioning;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A machine profile: which machines ({@link Selector}) boot which channel and board, with which config and arguments. */
@Entity
@Table(name = "boot_profile")
class Profile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    /** {@link Selector#key()}, unique: two profiles cannot claim the same machines. */
    private String selectorKey;

    private String mac;

    private String uuid;

    private String hostname;

    private String channel;

    private String board;

    private String ignition;

    /** Space-separated; each argument was checked to hold no space. */
    private String kernelArgs;

    private Instant updatedAt;

    protected Profile() {
    }

    Profile(String name) {
        this.name = name;
    }

    /** Replaces what the profile says; the arguments must already be {@link KernelArgs#isSafe safe}. */
    void define(Selector selector, String channel, String board, String ignition, List<String> kernelArgs, Instant at) {
        if (!kernelArgs.stream().allMatch(KernelArgs::isSafe)) {
            throw new IllegalArgumentException("unsafe kernel arguments " + kernelArgs);
        }
        this.selectorKey = selector.key();
        this.mac = selector.mac();
        this.uuid = selector.uuid();
        this.hostname = selector.hostname();
        this.channel = channel;
        this.board = board;
        this.ignition = ignition;
        this.kernelArgs = String.join(" ", kernelArgs);
        this.updatedAt = at;
    }

    ProfileView view() {
        return new ProfileView(name, new Selector(mac, uuid, hostname), channel, board, ignition,
                kernelArgs == null || kernelArgs.isEmpty() ? List.of() : Arrays.asList(kernelArgs.split(" ")), updatedAt);
    }

    String name() {
        return name;
    }
}
