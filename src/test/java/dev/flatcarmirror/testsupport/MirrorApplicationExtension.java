package dev.flatcarmirror.testsupport;

import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit side of {@link MirrorApplicationTest}: empties a shared mirror before each class that is not
 * its context's first, and resolves parameters of the fixture's types from the class's context.
 */
class MirrorApplicationExtension implements BeforeAllCallback, ParameterResolver {

    private static final Set<Class<?>> RESOLVED = Set.of(MirrorFixture.class, FakeUpstream.class, TestSigningKey.class, MirrorHttp.class);

    @Override
    public void beforeAll(ExtensionContext extension) throws Exception {
        ApplicationContext context = SpringExtension.getApplicationContext(extension);
        MirrorReset reset = context.getBean(MirrorReset.class);
        reset.handOverTo(extension.getRequiredTestClass());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        // Spring's own extension resolves @Autowired parameters; two resolvers for one parameter would be an error.
        return RESOLVED.contains(parameter.getParameter().getType()) && !parameter.isAnnotated(Autowired.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return SpringExtension.getApplicationContext(extension).getBean(parameter.getParameter().getType());
    }
}
