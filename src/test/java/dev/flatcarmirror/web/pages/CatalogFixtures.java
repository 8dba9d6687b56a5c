package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.ArtifactState;
import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.catalog.SyncError;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Catalog views as the slice tests feed them to the pages: stable amd64-usr with three releases of every state. */
final class CatalogFixtures {

    static final Instant NOW = Instant.parse("2026-08-12T12:00:00Z");
    static final Instant PUBLISHED_AT = Instant.parse("2026-08-12T09:30:00Z");
    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    static final String INITRD = "flatcar_production_pxe_image.cpio.gz";
    static final String SUBKEY = "52F145DFD00BBDCD928CBB5A32DA80F91EF52974";
    static final String SHA256 = "a".repeat(64);
    static final String SHA512 = "b".repeat(128);

    private CatalogFixtures() {
    }

    static BoardStatus fresh(String board, String version) {
        return new BoardStatus(board, version, PUBLISHED_AT, NOW.minusSeconds(300), NOW.minusSeconds(300), null);
    }

    static BoardStatus failing(String board, String reason, String detail) {
        return new BoardStatus(board, null, null, NOW.minusSeconds(120), null, new SyncError(reason, detail, NOW.minusSeconds(120)));
    }

    static ReleaseView published(String version, boolean current, ArtifactView... artifacts) {
        return new ReleaseView("stable", "amd64-usr", version, ReleaseState.PUBLISHED, current, PUBLISHED_AT.minusSeconds(600),
                PUBLISHED_AT, null, null, versionTxt(version), List.of(artifacts));
    }

    static ReleaseView downloading(String version, ArtifactView... artifacts) {
        return new ReleaseView("stable", "amd64-usr", version, ReleaseState.DOWNLOADING, false, NOW.minusSeconds(60), null, null, null,
                versionTxt(version), List.of(artifacts));
    }

    static ReleaseView rejected(String version, String reason, String detail) {
        return new ReleaseView("stable", "amd64-usr", version, ReleaseState.FAILED, false, NOW.minusSeconds(3600), null, reason, detail,
                versionTxt(version), List.of(verified(version, "version.txt", 202)));
    }

    static ArtifactView verified(String version, String name, long size) {
        return new ArtifactView(name, ArtifactState.VERIFIED, size, SHA256, SHA512, SUBKEY, PUBLISHED_AT.minusSeconds(86_400),
                PUBLISHED_AT.minusSeconds(30));
    }

    static ArtifactView absent(String name) {
        return new ArtifactView(name, ArtifactState.ABSENT, null, null, null, null, null, null);
    }

    static StoredFile stored(long size) {
        return new StoredFile("key", size, SHA256, PUBLISHED_AT.minusSeconds(30).plusMillis(250));
    }

    private static Map<String, String> versionTxt(String version) {
        return Map.of("FLATCAR_VERSION", version, "FLATCAR_BUILD_ID", "\"2026-08-11-2350\"");
    }
}
