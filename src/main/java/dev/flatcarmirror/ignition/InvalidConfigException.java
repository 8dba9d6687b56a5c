package dev.flatcarmirror.ignition;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 400 problem listing each error with its JSON path, in {@code errors}, and all of them in {@code detail}. */
class InvalidConfigException extends ErrorResponseException {

    InvalidConfigException(String name, List<ConfigError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(name, errors), null);
    }

    private static ProblemDetail problem(String name, List<ConfigError> errors) {
        String detail = "config '" + name + "' was not stored: " + String.join("; ",
                errors.stream().map(error -> error.path() + ": " + error.message()).toList());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid Ignition config");
        problem.setProperty("errors", errors);
        return problem;
    }

    static InvalidConfigException badParameter(String name, String path, String message) {
        return new InvalidConfigException(name, List.of(ConfigError.of(path, ConfigProblem.BAD_PARAMETER, message)));
    }
}
