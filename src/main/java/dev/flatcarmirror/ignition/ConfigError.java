package dev.flatcarmirror.ignition;

/**
 * One thing wrong with a config.
 *
 * @param path    where, as a JSONPath ({@code $.storage.files[0].contents.source})
 * @param code    what kind of error
 * @param message what is wrong, for a person
 */
record ConfigError(String path, String code, String message) {

    static ConfigError of(String path, ConfigProblem problem, String message) {
        return new ConfigError(path, problem.code(), message);
    }
}
