package dev.flatcarmirror.ignition;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Client networks allowed to fetch a config, as CIDRs ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare
 * address is one host). Only address literals are accepted, so matching never resolves a name.
 */
final class Networks {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Networks ANY = new Networks(List.of());

    private record Cidr(byte[] network, int prefix, String text) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> cidrs;

    private Networks(List<Cidr> cidrs) {
        this.cidrs = List.copyOf(cidrs);
    }

    static Networks any() {
        return ANY;
    }

    /** @throws IllegalArgumentException naming the entry that is not a CIDR */
    static Networks parse(List<String> entries) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException(
                    "'" + dev.flatcarmirror.Untrusted.shown(entry) + "' is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32"));
            int max = bytes.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? max : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + dev.flatcarmirror.Untrusted.shown(entry) + "' has a prefix length outside 0.." + max);
            }
            cidrs.add(new Cidr(bytes, prefix, address + "/" + prefix));
        }
        return new Networks(cidrs);
    }

    boolean isAny() {
        return cidrs.isEmpty();
    }

    /** Whether a client at this address (as the servlet container reports it) is inside one of the networks. */
    boolean allows(String remoteAddress) {
        if (cidrs.isEmpty()) {
            return true;
        }
        byte[] address = literal(remoteAddress == null ? "" : remoteAddress).orElse(null);
        if (address == null) {
            return false;
        }
        boolean inside = false;
        for (Cidr cidr : cidrs) {
            // Every entry is looked at, so the time taken does not tell which one matched.
            inside |= cidr.contains(address);
        }
        return inside;
    }

    List<String> entries() {
        return cidrs.stream().map(Cidr::text).toList();
    }

    @Override
    public String toString() {
        return String.join(",", entries());
    }

    private static java.util.Optional<byte[]> literal(String address) {
        if (!LITERAL.matcher(address).matches() || (address.indexOf(':') < 0 && address.chars().filter(c -> c == '.').count() != 3)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
