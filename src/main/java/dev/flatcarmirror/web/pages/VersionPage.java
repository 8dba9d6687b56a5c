package dev.flatcarmirror.web.pages;

import java.util.List;
import java.util.Map;

/**
 * Everything the page of one release shows.
 *
 * @param transfers  files being downloaded now, while the release is in progress
 * @param commands   null until the release is published
 */
record VersionPage(String channel, String board, String boardUrl, ReleaseRow release, Map<String, String> versionTxt,
                   List<FileRow> files, List<TransferRow> transfers, InstallCommands commands) {
}
