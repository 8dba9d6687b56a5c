package dev.flatcarmirror.web.api;

/** Example answers for the OpenAPI document, in the exact shape the API produces them. */
final class ApiExamples {

    static final String CHANNELS = """
            [{"name":"stable","baseUrl":"https://stable.release.flatcar-linux.net","boards":["amd64-usr"],
              "current":{"amd64-usr":"4593.2.5"},"lastSuccessfulSync":"2026-08-12T11:55:00Z",
              "freshness":{"amd64-usr":{"state":"FRESH","reason":"current 4593.2.5"}},
              "boardStatus":[{"board":"amd64-usr","currentVersion":"4593.2.5","publishedAt":"2026-08-12T09:30:00Z",
                "lastCheckedAt":"2026-08-12T11:55:00Z","lastSuccessfulSync":"2026-08-12T11:55:00Z","lastError":null}]}]""";

    static final String CHANNEL = """
            {"name":"lts","baseUrl":"https://lts.release.flatcar-linux.net","boards":["amd64-usr","arm64-usr"],
             "current":{"amd64-usr":"4081.3.6"},"lastSuccessfulSync":"2026-08-12T11:50:00Z",
             "lastError":{"board":"arm64-usr","reason":"server_error","detail":"https://lts.release.flatcar-linux.net/arm64-usr/current/version.txt answered HTTP 503","at":"2026-08-12T11:52:00Z"},
             "freshness":{"amd64-usr":{"state":"FRESH","reason":"current 4081.3.6"},
               "arm64-usr":{"state":"FAILING","reason":"server_error: https://lts.release.flatcar-linux.net/arm64-usr/current/version.txt answered HTTP 503"}},
             "boardStatus":[{"board":"amd64-usr","currentVersion":"4081.3.6","publishedAt":"2026-07-30T14:02:11Z",
                "lastCheckedAt":"2026-08-12T11:50:00Z","lastSuccessfulSync":"2026-08-12T11:50:00Z","lastError":null},
               {"board":"arm64-usr","currentVersion":null,"publishedAt":null,"lastCheckedAt":"2026-08-12T11:52:00Z",
                "lastSuccessfulSync":null,"lastError":{"reason":"server_error",
                "detail":"https://lts.release.flatcar-linux.net/arm64-usr/current/version.txt answered HTTP 503","at":"2026-08-12T11:52:00Z"}}]}""";

    static final String CURRENT = """
            {"channel":"stable","board":"amd64-usr","version":"4593.2.5","publishedAt":"2026-08-12T09:30:00Z",
             "versionTxt":{"FLATCAR_BUILD":"4593","FLATCAR_BRANCH":"2","FLATCAR_PATCH":"5","FLATCAR_VERSION":"4593.2.5",
               "FLATCAR_VERSION_ID":"4593.2.5","FLATCAR_BUILD_ID":"2026-08-11-2350","FLATCAR_SDK_VERSION":"4593.0.0"},
             "artifacts":[{"name":"flatcar_production_image.bin.bz2","size":497154372,
               "sha256":"3f5c9a0e2b7d4c1f8e6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e",
               "sha512":"8d2a0f3b6c9e1d4f7a0b3c6d9e2f5a8b1c4d7e0f3a6b9c2d5e8f1a4b7c0d3e6f9a2b5c8d1e4f7a0b3c6d9e2f5a8b1c4d7e0f3a6b9c2d5e8f1a4b7c0d3e6f",
               "signedAt":"2026-08-11T23:58:12Z",
               "url":"/stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2",
               "signatureUrl":"/stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2.sig"}]}""";

    static final String RELEASE = """
            {"channel":"stable","board":"amd64-usr","version":"4593.2.5","state":"PUBLISHED","current":true,
             "discoveredAt":"2026-08-12T09:21:40Z","publishedAt":"2026-08-12T09:30:00Z",
             "versionTxt":{"FLATCAR_VERSION":"4593.2.5","FLATCAR_BUILD_ID":"2026-08-11-2350"},
             "artifacts":[{"name":"flatcar_production_image.bin.bz2","state":"VERIFIED","size":497154372,
               "sha256":"3f5c9a0e2b7d4c1f8e6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e",
               "sha512":"8d2a0f3b6c9e1d4f7a0b3c6d9e2f5a8b1c4d7e0f3a6b9c2d5e8f1a4b7c0d3e6f9a2b5c8d1e4f7a0b3c6d9e2f5a8b1c4d7e0f3a6b9c2d5e8f1a4b7c0d3e6f",
               "signingKeyFingerprint":"52F145DFD00BBDCD928CBB5A32DA80F91EF52974","signedAt":"2026-08-11T23:58:12Z",
               "verifiedAt":"2026-08-12T09:29:41Z","url":"/stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2",
               "signatureUrl":"/stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2.sig"},
              {"name":"flatcar_production_pxe_image.cpio.gz","state":"ABSENT"}]}""";

    static final String REJECTED_RELEASE = """
            {"channel":"stable","board":"amd64-usr","version":"4593.2.6","state":"FAILED","current":false,
             "discoveredAt":"2026-08-19T09:20:02Z","failureReason":"bad_signature",
             "failureDetail":"flatcar_production_pxe.vmlinuz: signature does not match the file",
             "versionTxt":{"FLATCAR_VERSION":"4593.2.6","FLATCAR_BUILD_ID":"2026-08-18-2310"},"artifacts":[]}""";

    static final String RELEASES = "[" + RELEASE + "]";

    static final String HISTORY = """
            [{"channel":"stable","board":"amd64-usr","version":"4593.2.6","file":"flatcar_production_pxe.vmlinuz",
              "outcome":"failed","reason":"bad_signature","detail":"flatcar_production_pxe.vmlinuz: signature does not match the file",
              "occurredAt":"2026-08-19T09:24:51Z"},
             {"channel":"stable","board":"amd64-usr","version":"4593.2.5","outcome":"published","detail":"now current",
              "occurredAt":"2026-08-12T09:30:00Z"}]""";

    static final String UNKNOWN_CHANNEL = """
            {"type":"about:blank","title":"Unknown channel","status":404,
             "detail":"channel 'edge' is not mirrored here","instance":"/channels/edge/current"}""";

    static final String NOTHING_PUBLISHED = """
            {"type":"about:blank","title":"Nothing published yet","status":404,
             "detail":"channel 'stable' board 'arm64-usr' has no published release yet","instance":"/channels/stable/current"}""";

    static final String UNKNOWN_RELEASE = """
            {"type":"about:blank","title":"Unknown release","status":404,
             "detail":"channel 'stable' board 'amd64-usr' has no release '9999.2.0'","instance":"/channels/stable/releases/9999.2.0"}""";

    private ApiExamples() {
    }
}
