package dev.flatcarmirror.ignition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens and client networks, the two ways a config can be protected. */
class AccessTest {

    @Test
    void tokensShouldBe256RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = AccessTokens.generate();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void onlyTheExactTokenShouldMatchAndNoTokenRequiredShouldAlwaysMatch() {
        String token = AccessTokens.generate();

        assertThat(AccessTokens.matches(token, token)).isTrue();
        assertThat(AccessTokens.matches(token, token + "x")).isFalse();
        assertThat(AccessTokens.matches(token, token.substring(1))).isFalse();
        assertThat(AccessTokens.matches(token, "")).isFalse();
        assertThat(AccessTokens.matches(token, null)).isFalse();
        assertThat(AccessTokens.matches(null, "anything")).isTrue();
    }

    @Test
    void pagesShouldShowUrlsWithTheTokenRedacted() {
        assertThat(AccessTokens.redact("http://m/ignition/web.ign?channel=stable&token=abcDEF_-1")).isEqualTo(
                "http://m/ignition/web.ign?channel=stable&token=<redacted>");
        assertThat(AccessTokens.redact("http://m/ignition/web.ign?token=abc")).isEqualTo("http://m/ignition/web.ign?token=<redacted>");
    }

    @Test
    void networksShouldMatchIpv4AndIpv6ClientsByPrefix() {
        Networks networks = Networks.parse(List.of("10.0.0.0/8", " 192.168.1.7 ", "2001:db8::/32"));

        assertThat(networks.allows("10.255.0.1")).isTrue();
        assertThat(networks.allows("11.0.0.1")).isFalse();
        assertThat(networks.allows("192.168.1.7")).isTrue();
        assertThat(networks.allows("192.168.1.8")).isFalse();
        assertThat(networks.allows("2001:db8:1::5")).isTrue();
        assertThat(networks.allows("2001:db9::5")).isFalse();
        assertThat(networks.allows("::ffff:10.1.2.3")).as("IPv4-mapped").isTrue();
        assertThat(networks.allows("mirror.example")).isFalse();
        assertThat(networks.entries()).containsExactly("10.0.0.0/8", "192.168.1.7/32", "2001:db8::/32");
        assertThat(Networks.parse(List.of()).allows("203.0.113.9")).isTrue();
        assertThat(Networks.parse(List.of("172.16.0.0/12")).allows("172.31.255.255")).isTrue();
        assertThat(Networks.parse(List.of("172.16.0.0/12")).allows("172.32.0.0")).isFalse();
    }

    @Test
    void networksThatAreNotCidrsShouldBeRefusedNamingThem() {
        assertThatThrownBy(() -> Networks.parse(List.of("10.0.0.0/33"))).hasMessageContaining("'10.0.0.0/33'");
        assertThatThrownBy(() -> Networks.parse(List.of("lab.example/24"))).hasMessageContaining("'lab.example/24'");
        assertThatThrownBy(() -> Networks.parse(List.of("10.0.0/8"))).hasMessageContaining("'10.0.0/8'");
    }
}
