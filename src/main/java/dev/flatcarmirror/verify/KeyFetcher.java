package dev.flatcarmirror.verify;

import java.io.IOException;

/** Reads the armored signing key from its URL. */
@FunctionalInterface
interface KeyFetcher {

    byte[] fetch(String url) throws IOException;
}
