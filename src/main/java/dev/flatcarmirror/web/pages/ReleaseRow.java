package dev.flatcarmirror.web.pages;

/**
 * One release in a list of releases.
 *
 * @param state     {@code published}, {@code in-progress} or {@code rejected}, also the badge's CSS class
 * @param date      when it was published, or for the others when it was first seen
 * @param totalSize of the files verified so far
 */
record ReleaseRow(String version, String url, String state, boolean current, String failureReason, String failureDetail,
                  String dateLabel, When date, ByteSize totalSize, int fileCount) {

    public String stateLabel() {
        return state.replace('-', ' ');
    }

    public boolean inProgress() {
        return "in-progress".equals(state);
    }
}
