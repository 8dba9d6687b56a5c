package dev.flatcarmirror.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * What the file server may serve of one board: per published release, its verified files and their {@code .sig}s.
 * A file that is not here (unknown version, release not published, file quarantined or absent) is not served.
 */
record PublishedFiles(Map<String, Map<String, StoredFile>> byVersion) {

    static final String SIGNATURE_SUFFIX = ".sig";

    PublishedFiles {
        byVersion = Map.copyOf(byVersion);
    }

    Optional<StoredFile> find(String version, String fileName) {
        Map<String, StoredFile> files = byVersion.get(version);
        return files == null ? Optional.empty() : Optional.ofNullable(files.get(fileName));
    }
}
