package dev.flatcarmirror.release;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An admin operation refused: a 400 for a request that lacks what it needs, a 409 for one the channel's state rules out. */
public class ReleaseControlException extends ErrorResponseException {

    private ReleaseControlException(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    static ReleaseControlException conflict(String detail) {
        return new ReleaseControlException(HttpStatus.CONFLICT, "Not possible now", detail);
    }

    static ReleaseControlException notInternal(String channel) {
        return new ReleaseControlException(HttpStatus.CONFLICT, "Not an internal channel", "channel '" + channel
                + "' is mirrored from upstream and follows it as published; release control applies to the channels of "
                + "mirror.internal-channels only");
    }

    static ReleaseControlException missing(String field, String why) {
        return new ReleaseControlException(HttpStatus.BAD_REQUEST, "Missing " + field, "the request body needs \"" + field
                + "\": " + why);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
