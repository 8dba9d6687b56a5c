package dev.flatcarmirror.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Binds environment variables, as a container gets them, to Spring properties the way Spring Boot does for the
 * process environment: {@code MIRROR_STORAGE_S3_PATHSTYLE} is {@code mirror.storage.s3.path-style}.
 */
final class SpringEnvironment {

    private SpringEnvironment() {
    }

    static Binder binder(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
        return Binder.get(environment);
    }

    /** The property's value, or null when no variable binds to it. */
    static String property(Binder binder, String name) {
        return binder.bind(name, String.class).orElse(null);
    }
}
