package dev.flatcarmirror.upstream;

/** The answer to a request for a small file: found, unchanged since last time, or not there. */
public sealed interface SmallFile {

    record Found(byte[] body, Validators validators) implements SmallFile {
    }

    record NotModified() implements SmallFile {
    }

    record NotFound() implements SmallFile {
    }
}
