package dev.flatcarmirror.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * Two filter chains. The first covers {@code /admin/**} and the actuator: the admin API needs the admin
 * token (bearer; or HTTP basic password when {@code mirror.admin.basic} is on); health, info and prometheus stay
 * anonymous, and any other actuator endpoint, should someone expose one, needs the token too. The second covers everything else, the public
 * read paths, anonymously and without looking at credentials, so a client that happens to send some
 * never gets a 401 for a public file. Both keep Spring Security's headers (nosniff, frame options, and
 * no-cache only where a response has not set its own Cache-Control).
 * Public so that web slice tests of other features can import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);
    private static final String ADMIN_PATHS = "/admin/**";

    @Bean
    AuthenticationManager adminAuthenticationManager(AdminProperties properties) {
        if (!properties.enabled()) {
            log.warn("mirror.admin.token is not set: the admin API ({}) is disabled and refuses every request", ADMIN_PATHS);
        }
        return new ProviderManager(new AdminAuthenticationProvider(properties));
    }

    @Bean
    @Order(1)
    SecurityFilterChain adminAndActuator(HttpSecurity http, AuthenticationManager adminAuthenticationManager,
                                         AdminProperties properties, ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json, properties.enabled(), properties.basic());
        RequestMatcher admin = PathPatternRequestMatcher.withDefaults().matcher(ADMIN_PATHS);
        http.securityMatcher(new OrRequestMatcher(admin, EndpointRequest.toAnyEndpoint()))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus"), EndpointRequest.toLinks())
                            .permitAll();
                    if (properties.enabled()) {
                        requests.anyRequest().hasRole("ADMIN");
                    } else {
                        requests.anyRequest().denyAll();
                    }
                })
                .authenticationManager(adminAuthenticationManager)
                .addFilterBefore(bearerTokenFilter(adminAuthenticationManager, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.ignoringRequestMatchers(admin));
        if (properties.basic()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems));
        } else {
            http.httpBasic(basic -> basic.disable());
        }
        return http.build();
    }

    /**
     * The public read paths keep no session and never send anyone to a login: no request cache, no session
     * management, which the defaults would consult on every request.
     */
    @Bean
    @Order(2)
    SecurityFilterChain publicReads(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /**
     * Spring Security's observations are off (application.yaml), but without this its filter chain would still wrap
     * every filter of every request in an observation decorator; http_server_requests times requests as a whole.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    private static AuthenticationFilter bearerTokenFilter(AuthenticationManager manager, ProblemResponses problems) {
        AuthenticationFilter filter = new AuthenticationFilter(manager, request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            return AdminBearerToken.presented(header.substring(7).trim());
        });
        // On success the request simply goes on; the default handler would redirect like a login form.
        filter.setSuccessHandler((request, response, authentication) -> { });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
        return filter;
    }
}
