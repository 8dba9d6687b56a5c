package dev.flatcarmirror.verify;

import dev.flatcarmirror.upstream.SmallFile;
import dev.flatcarmirror.upstream.UpstreamClient;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.upstream.UpstreamFailure;
import dev.flatcarmirror.upstream.Validators;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * Downloads the armored signing key through the same bounded client as every other upstream request: connect and
 * read timeouts, {@code mirror.download.small-file-deadline} over the whole request, redirects to https only from
 * https, and a size limit on the bytes actually read.
 */
@Component
class HttpKeyFetcher implements KeyFetcher {

    /** A certificate grows with every rotated subkey and revocation; Flatcar's was about 24 KB in 2025. */
    static final long MAX_KEY_BYTES = 1 << 20;

    private final UpstreamClient upstream;

    HttpKeyFetcher(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public byte[] fetch(String url) throws UpstreamException {
        if (upstream.getSmall(URI.create(url), Validators.NONE, MAX_KEY_BYTES) instanceof SmallFile.Found found) {
            return found.body();
        }
        throw new UpstreamException(UpstreamFailure.UPSTREAM_STATUS, url + " answered 404");
    }
}
