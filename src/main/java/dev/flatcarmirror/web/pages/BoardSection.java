package dev.flatcarmirror.web.pages;

import java.util.List;

/** A board with its releases, newest first. */
record BoardSection(BoardRow status, List<ReleaseRow> releases) {
}
