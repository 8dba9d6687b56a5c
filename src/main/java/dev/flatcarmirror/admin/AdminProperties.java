package dev.flatcarmirror.admin;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.admin.*}: who may use the admin API.
 *
 * @param token    the bearer token, and the HTTP basic password; from a secret ({@code MIRROR_ADMIN_TOKEN}).
 *                 Empty disables the admin API: every request to it is refused.
 * @param username the HTTP basic user name
 * @param basic    whether HTTP basic is accepted besides the bearer token. Off by default: a browser keeps basic
 *                 credentials and sends them with every request to the host, cross-site ones included, so a page
 *                 elsewhere could make an admin's browser trigger admin operations.
 */
@Validated
@ConfigurationProperties("mirror.admin")
record AdminProperties(
        @NotNull @DefaultValue("") String token,
        @NotNull @Pattern(regexp = "[^:\\s]{1,64}", message = "must be 1 to 64 characters without ':' or spaces")
        @DefaultValue("admin") String username,
        @DefaultValue("false") boolean basic) {

    static final int MIN_TOKEN_LENGTH = 16;
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    AdminProperties {
        // A secret file often ends with a newline that nobody meant as part of the token.
        token = token == null ? "" : token.strip();
    }

    public boolean enabled() {
        return !token.isEmpty();
    }

    /**
     * Checked here rather than with {@code @Pattern} on the token, so that a refused value, which is
     * probably the real secret, is never printed in the start-up failure report.
     */
    @AssertTrue(message = "mirror.admin.token must be empty (admin API disabled) or at least " + MIN_TOKEN_LENGTH
            + " characters of A-Z a-z 0-9 - . _ ~ + / (e.g. openssl rand -hex 32)")
    public boolean isTokenUsable() {
        return token.isEmpty() || (token.length() >= MIN_TOKEN_LENGTH && TOKEN.matcher(token).matches());
    }

    @Override
    public String toString() {
        return "AdminProperties[token=" + (enabled() ? "(set)" : "(empty)") + ", username=" + username + ", basic=" + basic + "]";
    }
}
