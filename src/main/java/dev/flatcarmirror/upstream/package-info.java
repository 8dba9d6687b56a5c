/**
 * The release server's HTTP client: conditional GETs of small files, resumable downloads, every request
 * bounded (timeouts, a deadline over connect, headers and body, size, minimum rate, redirects to http(s) only and
 * never from https to http), failures as {@link dev.flatcarmirror.upstream.UpstreamFailure} codes; and the
 * {@code .DIGESTS} format.
 */
@ApplicationModule(displayName = "Upstream", allowedDependencies = {})
package dev.flatcarmirror.upstream;

import org.springframework.modulith.ApplicationModule;
