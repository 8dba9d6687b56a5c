package dev.flatcarmirror.upstream;

/** The {@code ETag} and {@code Last-Modified} of a response, to ask next time whether it changed. */
public record Validators(String etag, String lastModified) {

    public static final Validators NONE = new Validators(null, null);
}
