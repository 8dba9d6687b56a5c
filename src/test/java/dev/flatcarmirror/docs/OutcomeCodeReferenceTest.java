package dev.flatcarmirror.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.OutcomeCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every outcome and reason code the service can write into the history, the API, a metric tag or the
 * log is an {@link OutcomeCode} enum constant, and every one is documented in the README. Found by
 * scanning, so a new code enum cannot be forgotten here.
 */
class OutcomeCodeReferenceTest {

    @Test
    void everyOutcomeCodeShouldBeDocumentedInTheReadme() throws ClassNotFoundException {
        String readme = Readme.text();

        List<String> undocumented = new ArrayList<>();
        for (Class<?> type : codeEnums()) {
            for (Object constant : type.getEnumConstants()) {
                String code = ((OutcomeCode) constant).code();
                if (!readme.contains("`" + code + "`")) {
                    undocumented.add(type.getSimpleName() + "." + constant + " (`" + code + "`)");
                }
            }
        }

        assertThat(codeEnums()).as("the OutcomeCode enums").hasSizeGreaterThanOrEqualTo(7);
        assertThat(undocumented).as("codes the README does not mention in backquotes").isEmpty();
    }

    @Test
    void codesShouldBeSnakeCaseAndUniqueWithinTheirEnum() throws ClassNotFoundException {
        for (Class<?> type : codeEnums()) {
            List<String> codes = Arrays.stream(type.getEnumConstants()).map(constant -> ((OutcomeCode) constant).code()).toList();
            assertThat(codes).as(type.getSimpleName()).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"));
        }
    }

    @Test
    void onlyEnumsShouldImplementOutcomeCode() throws ClassNotFoundException {
        assertThat(implementations()).allSatisfy(type -> assertThat(type.isEnum()).as(type.getName()).isTrue());
    }

    private static List<Class<?>> codeEnums() throws ClassNotFoundException {
        return implementations().stream().filter(Class::isEnum).toList();
    }

    private static List<Class<?>> implementations() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(OutcomeCode.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.flatcarmirror")) {
            types.add(Class.forName(candidate.getBeanClassName()));
        }
        return types;
    }
}
