/**
 * The release server's HTTP client: conditional GETs of small files, resumable downloads, every request
 * bounded (timeouts, deadline, size, minimum rate, redirects to http(s) only), failures as
 * {@link dev.flatcarmirror.upstream.UpstreamFailure} codes; and the {@code .DIGESTS} format.
 */
@ApplicationModule(displayName = "Upstream", allowedDependencies = {})
package dev.flatcarmirror.upstream;

import org.springframework.modulith.ApplicationModule;
