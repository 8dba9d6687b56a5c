package dev.flatcarmirror.admin;

import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** {@code Authorization: Bearer <token>}: as presented, and once checked. */
final class AdminBearerToken extends AbstractAuthenticationToken {

    private final String principal;
    private final String token;

    private AdminBearerToken(String principal, String token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        this.token = token;
        setAuthenticated(!authorities.isEmpty());
    }

    static AdminBearerToken presented(String token) {
        return new AdminBearerToken(null, token, List.of());
    }

    static AdminBearerToken verified(String principal, Collection<? extends GrantedAuthority> authorities) {
        return new AdminBearerToken(principal, null, authorities);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }
}
