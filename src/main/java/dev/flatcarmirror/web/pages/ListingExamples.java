package dev.flatcarmirror.web.pages;

/** Example answers for the OpenAPI document, in the exact shape the listings produce. */
final class ListingExamples {

    static final String ROOT = """
            [{"Name":"stable","Size":0,"URL":"/stable/","ModTime":"2026-08-12T09:30:00Z","IsDir":true},
             {"Name":"lts","Size":0,"URL":"/lts/","ModTime":"2026-07-30T14:02:11Z","IsDir":true}]""";

    static final String CHANNEL = """
            [{"Name":"amd64-usr","Size":0,"URL":"/stable/amd64-usr/","ModTime":"2026-08-12T09:30:00Z","IsDir":true},
             {"Name":"arm64-usr","Size":0,"URL":"/stable/arm64-usr/","ModTime":"2026-08-12T09:41:27Z","IsDir":true}]""";

    static final String BOARD = """
            [{"Name":"current","Size":0,"URL":"/stable/amd64-usr/current/","ModTime":"2026-08-12T09:30:00Z","IsDir":true},
             {"Name":"4593.2.5","Size":0,"URL":"/stable/amd64-usr/4593.2.5/","ModTime":"2026-08-12T09:30:00Z","IsDir":true},
             {"Name":"4593.2.4","Size":0,"URL":"/stable/amd64-usr/4593.2.4/","ModTime":"2026-07-21T18:05:43Z","IsDir":true}]""";

    static final String VERSION = """
            [{"Name":"flatcar_production_image.bin.bz2","Size":497154372,
              "URL":"/stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2","ModTime":"2026-08-12T09:29:41Z","IsDir":false},
             {"Name":"flatcar_production_image.bin.bz2.sig","Size":566,
              "URL":"/stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2.sig","ModTime":"2026-08-12T09:29:41Z","IsDir":false},
             {"Name":"version.txt","Size":202,"URL":"/stable/amd64-usr/4593.2.5/version.txt","ModTime":"2026-08-12T09:27:02Z","IsDir":false},
             {"Name":"version.txt.sig","Size":566,"URL":"/stable/amd64-usr/4593.2.5/version.txt.sig","ModTime":"2026-08-12T09:27:02Z","IsDir":false}]""";

    static final String CURRENT = """
            [{"Name":"flatcar_production_image.bin.bz2","Size":497154372,
              "URL":"/stable/amd64-usr/current/flatcar_production_image.bin.bz2","ModTime":"2026-08-12T09:29:41Z","IsDir":false},
             {"Name":"flatcar_production_image.bin.bz2.sig","Size":566,
              "URL":"/stable/amd64-usr/current/flatcar_production_image.bin.bz2.sig","ModTime":"2026-08-12T09:29:41Z","IsDir":false}]""";

    static final String UNKNOWN_CHANNEL = """
            {"type":"about:blank","title":"Unknown channel","status":404,
             "detail":"channel 'edge' is not mirrored here","instance":"/edge/"}""";

    static final String UNKNOWN_RELEASE = """
            {"type":"about:blank","title":"Unknown release","status":404,
             "detail":"channel 'stable' board 'amd64-usr' has no release '9999.2.0'","instance":"/stable/amd64-usr/9999.2.0/"}""";

    private ListingExamples() {
    }
}
