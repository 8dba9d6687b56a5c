package dev.flatcarmirror.web.pages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The pages run no script and load nothing but this host's stylesheet, so their policy forbids
 * everything else: injected markup could neither run nor phone home. Swagger UI is a script
 * application and gets a policy of its own, still limited to this host: its scripts come from here
 * only, and its bundle sets inline styles, which cannot run code.
 */
@Component
class ContentSecurityPolicy extends OncePerRequestFilter {

    static final String PAGES = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    static final String SWAGGER_UI = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private static final String SWAGGER_UI_PATH = "/swagger-ui/";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contextPath = request.getContextPath();
        boolean swaggerUi = request.getRequestURI().startsWith(SWAGGER_UI_PATH, contextPath.length())
                && request.getRequestURI().startsWith(contextPath);
        response.setHeader("Content-Security-Policy", swaggerUi ? SWAGGER_UI : PAGES);
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
