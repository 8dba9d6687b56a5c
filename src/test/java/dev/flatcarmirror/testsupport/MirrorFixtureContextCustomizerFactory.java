package dev.flatcarmirror.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns the attributes of {@link MirrorApplicationTest} into a {@link ContextCustomizer}. The customizer
 * is part of Spring's context cache key, so classes with equal attributes get the same context; each
 * new context gets a new {@link MirrorFixture} and a new database schema.
 */
class MirrorFixtureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configurationAttributes) {
        MirrorApplicationTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, MirrorApplicationTest.class);
        if (test == null) {
            return null;
        }
        return new FixtureCustomizer(List.of(test.boards()), List.of(test.beforeStart()), test.isolated() ? testClass : null);
    }

    /** Equal attributes, equal customizer: what makes two test classes share a context. */
    record FixtureCustomizer(List<String> boards, List<Class<? extends MirrorApplicationTest.BeforeStart>> beforeStart,
                             Class<?> isolatedFor) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            MirrorFixture fixture = fixture();
            Map<String, Object> properties = new LinkedHashMap<>(PostgresTestDatabase.freshSchema());
            properties.putAll(fixture.properties());
            addBelowTheTestsOwnProperties(context.getEnvironment().getPropertySources(), new MapPropertySource("mirrorFixture", properties));

            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton("mirrorFixture", fixture);
            beans.registerSingleton("fakeUpstream", fixture.upstream());
            beans.registerSingleton("testSigningKey", fixture.key());
            // Made when first asked for, once the application's ObjectMapper exists.
            RootBeanDefinition http = new RootBeanDefinition(MirrorHttp.class, () -> new MirrorHttp(
                    () -> context.getEnvironment().getRequiredProperty("local.server.port", Integer.class),
                    context.getBean(ObjectMapper.class)));
            http.setLazyInit(true);
            ((BeanDefinitionRegistry) beans).registerBeanDefinition("mirrorHttp", http);
            beans.registerSingleton("mirrorReset", new MirrorReset(context, fixture));
            context.addApplicationListener(new ClosesFixture(context, fixture));
        }

        private MirrorFixture fixture() {
            MirrorFixture fixture = new MirrorFixture();
            Map<String, List<String>> channels = new LinkedHashMap<>();
            for (String board : boards) {
                String[] parts = board.split("/");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("@MirrorApplicationTest boards are channel/board, not " + board);
                }
                channels.computeIfAbsent(parts[0], channel -> new ArrayList<>()).add(parts[1]);
            }
            channels.forEach((channel, names) -> fixture.channel(channel, names.toArray(String[]::new)));
            beforeStart.forEach(setup -> BeanUtils.instantiateClass(setup).prepare(fixture));
            return fixture;
        }

        private static void addBelowTheTestsOwnProperties(MutablePropertySources sources, PropertySource<?> fixture) {
            String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
            if (sources.contains(inlined)) {
                sources.addAfter(inlined, fixture);
            } else {
                sources.addFirst(fixture);
            }
        }
    }

    private record ClosesFixture(ConfigurableApplicationContext context, MirrorFixture fixture)
            implements ApplicationListener<ContextClosedEvent> {

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            // Child contexts (a separate management port) publish their closing here too.
            if (event.getApplicationContext() == context) {
                fixture.close();
            }
        }
    }
}
