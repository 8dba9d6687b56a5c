package dev.flatcarmirror.web.pages;

import java.util.List;

/**
 * A board with its releases, newest first.
 *
 * @param policy for an internal channel, why the board serves what it serves, e.g. "following stable, soaking ..."
 */
record BoardSection(BoardRow status, List<ReleaseRow> releases, String policy) {
}
