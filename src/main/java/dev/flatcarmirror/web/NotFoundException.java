package dev.flatcarmirror.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Rendered as an RFC 9457 problem with status 404 and a detail naming what was not found. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, problem(title, detail), null);
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return problem;
    }
}
