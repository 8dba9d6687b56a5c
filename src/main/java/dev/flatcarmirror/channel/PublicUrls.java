package dev.flatcarmirror.channel;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The mirror's base URL as machines reach it: {@code mirror.public-url} when set, else the request's own
 * scheme, host, port and context path. The request's values are what the servlet container reports, so
 * {@code X-Forwarded-*} and {@code Forwarded} count only when {@code server.forward-headers-strategy} has
 * Spring or Tomcat apply them. Either way the result is written into iPXE scripts and kernel command lines,
 * where a space, {@code $} or {@code ;} would be a command, so only a strict set of characters is accepted.
 */
@Component
public class PublicUrls {

    /** Scheme, host (name, IPv4 or bracketed IPv6), optional port and path; nothing iPXE or a shell would interpret. */
    static final String SAFE_BASE_URL = "https?://(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?"
            + "(?:/[A-Za-z0-9._~-]+)*";
    private static final Pattern SAFE = Pattern.compile(SAFE_BASE_URL);

    private final String configured;

    PublicUrls(MirrorProperties properties) {
        this.configured = properties.publicUrl();
    }

    /** Without a trailing '/'; refused with a 400 problem when the request's host cannot be written into a script. */
    public String base(HttpServletRequest request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String derived = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
        if (derived.endsWith("/")) {
            derived = derived.substring(0, derived.length() - 1);
        }
        if (!SAFE.matcher(derived).matches()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the request's host '"
                    + dev.flatcarmirror.Untrusted.shown(request.getServerName()) + "' cannot be written into a boot script; "
                    + "set mirror.public-url to the mirror's address");
            problem.setTitle("Unusable host");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return derived;
    }

    /** Whether {@code url} is one this class would hand out, for checks of values built elsewhere. */
    public static boolean isSafe(String url) {
        return SAFE.matcher(url).matches();
    }
}
