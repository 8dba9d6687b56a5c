package dev.flatcarmirror.web.pages;

/**
 * One file of a release on its version page.
 *
 * @param url            where the mirror serves it, or null while its release is not published
 * @param signingSubkey  fingerprint of the subkey that signed it, in groups of four as gpg prints it
 */
record FileRow(String name, boolean verified, String url, String signatureUrl, ByteSize size, String sha256,
               String sha512, String signingSubkey, When signedAt, When verifiedAt) {
}
