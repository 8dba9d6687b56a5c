package dev.flatcarmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PrerequisiteTest {

    private static final String VARIABLE = "MIRROR_REQUIRE_THING";

    @Test
    void missingPrerequisiteShouldSkipOnALaptop() {
        assertThatExceptionOfType(TestAbortedException.class)
                .isThrownBy(() -> Prerequisite.require(Map.of(), false, "thing", VARIABLE, "install thing"))
                .withMessageContaining("thing is missing").withMessageContaining("install thing");
    }

    @Test
    void missingPrerequisiteShouldFailUnderCi() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> Prerequisite.require(Map.of("CI", "true"), false, "thing", VARIABLE, "install thing"))
                .withMessageContaining("required");
    }

    @Test
    void missingPrerequisiteShouldFailWhenItsVariableRequiresIt() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> Prerequisite.require(Map.of(VARIABLE, "true"), false, "thing", VARIABLE, "install thing"));
    }

    @Test
    void ciSetToFalseShouldNotRequireAnything() {
        assertThatExceptionOfType(TestAbortedException.class)
                .isThrownBy(() -> Prerequisite.require(Map.of("CI", "false"), false, "thing", VARIABLE, "install thing"));
    }

    @Test
    void presentPrerequisiteShouldLetTheTestRun() {
        assertThatCode(() -> Prerequisite.require(Map.of("CI", "true"), true, "thing", VARIABLE, "install thing"))
                .doesNotThrowAnyException();
    }
}
