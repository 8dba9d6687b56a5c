package dev.flatcarmirror.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * One naming style for tests, so a failure report reads as the sentence it broke: {@code xShouldY}, optionally
 * after a given/when ({@code givenAQuarantinedFileThenPublishingShouldBeRefused}).
 */
class TestNamingTest {

    @Test
    void everyTestMethodShouldBeNamedAsASentenceWithShould() throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> tests = new ArrayList<>();
        List<String> misnamed = new ArrayList<>();
        for (Class<?> type : testClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class)
                        || method.isAnnotationPresent(RepeatedTest.class)) {
                    tests.add(method.getName());
                    if (!method.getName().matches("[a-z][A-Za-z0-9]*Should[A-Z0-9][A-Za-z0-9]*")) {
                        misnamed.add(type.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }

        assertThat(tests).as("test methods found on the test class path").hasSizeGreaterThan(100);
        assertThat(misnamed).as("test methods not named xShouldY").isEmpty();
    }

    private static List<Class<?>> testClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(TestNamingTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                types.add(Class.forName(name.substring(0, name.length() - ".class".length()), false, TestNamingTest.class.getClassLoader()));
            }
        }
        return types;
    }
}
