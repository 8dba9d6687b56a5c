package dev.flatcarmirror.web.files;

/** Content types of the files Flatcar publishes; anything unknown is plain bytes. */
final class ContentTypes {

    private ContentTypes() {
    }

    static String of(String fileName) {
        if (fileName.endsWith(".sig")) {
            return "application/pgp-signature";
        }
        if (fileName.endsWith(".txt") || fileName.endsWith(".DIGESTS")) {
            return "text/plain";
        }
        if (fileName.endsWith(".bz2")) {
            return "application/x-bzip2";
        }
        if (fileName.endsWith(".gz")) {
            return "application/gzip";
        }
        return "application/octet-stream";
    }
}
