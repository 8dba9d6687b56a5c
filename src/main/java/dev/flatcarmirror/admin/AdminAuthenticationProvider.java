package dev.flatcarmirror.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Accepts the admin token as a bearer token, or, when {@code mirror.admin.basic} is on, as the HTTP basic password of
 * {@code mirror.admin.username}.
 * Compares SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken tells nothing about the token.
 */
final class AdminAuthenticationProvider implements AuthenticationProvider {

    static final List<GrantedAuthority> ADMIN = AuthorityUtils.createAuthorityList("ROLE_ADMIN");

    private final String username;
    private final byte[] tokenDigest;
    private final boolean basic;

    AdminAuthenticationProvider(AdminProperties properties) {
        this.username = properties.username();
        this.tokenDigest = properties.enabled() ? sha256(properties.token()) : null;
        this.basic = properties.basic();
    }

    @Override
    public Authentication authenticate(Authentication presented) {
        if (tokenDigest == null) {
            throw new BadCredentialsException("the admin API is disabled: mirror.admin.token is not set");
        }
        if (presented instanceof AdminBearerToken bearer && isToken(bearer.getCredentials())) {
            return AdminBearerToken.verified(username, ADMIN);
        }
        if (basic && presented instanceof UsernamePasswordAuthenticationToken credentials) {
            boolean user = MessageDigest.isEqual(sha256(username), sha256(credentials.getName()));
            boolean password = isToken(credentials.getCredentials());
            if (user & password) {
                return UsernamePasswordAuthenticationToken.authenticated(username, null, ADMIN);
            }
        }
        throw new BadCredentialsException("invalid admin credentials");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return AdminBearerToken.class.isAssignableFrom(authentication)
                || (basic && UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication));
    }

    private boolean isToken(Object candidate) {
        return candidate != null && MessageDigest.isEqual(tokenDigest, sha256(candidate.toString()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
