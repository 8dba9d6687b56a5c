package dev.flatcarmirror.verify;

import dev.flatcarmirror.upstream.UpstreamException;

/** Reads the armored signing key from its URL. */
@FunctionalInterface
interface KeyFetcher {

    byte[] fetch(String url) throws UpstreamException;
}
