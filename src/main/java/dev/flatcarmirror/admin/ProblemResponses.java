package dev.flatcarmirror.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.ObjectMapper;

/** 401 and 403 answers of the security filters as RFC 9457 problems, like every other error of the service. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String REALM = "realm=\"flatcar-mirror\"";

    private final ObjectMapper json;
    private final boolean adminEnabled;
    private final boolean basic;

    ProblemResponses(ObjectMapper json, boolean adminEnabled, boolean basic) {
        this.json = json;
        this.adminEnabled = adminEnabled;
        this.basic = basic;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + REALM);
        if (basic) {
            // Only when asked for: a Basic challenge makes a browser prompt, and then send the credentials cross-site too.
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic " + REALM + ", charset=\"UTF-8\"");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, !adminEnabled
                ? "The admin API is disabled: mirror.admin.token is not set."
                : basic ? "Admin credentials are required: Authorization: Bearer <mirror.admin.token>, or HTTP basic with the token as password."
                : "Admin credentials are required: Authorization: Bearer <mirror.admin.token>.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "These credentials do not allow this request.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
