package dev.flatcarmirror.ops;

import dev.flatcarmirror.sync.DownloadProgress;
import dev.flatcarmirror.release.ServedChannels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The meters of the running mirror that no other feature owns. */
@Configuration(proxyBeanMethods = false)
class OpsMetricsConfiguration {

    @Bean
    MeterBinder downloadsInProgress(DownloadProgress progress) {
        return registry -> Gauge.builder("flatcar_mirror_downloads_in_progress", progress, DownloadProgress::count)
                .description("Artifact downloads under way")
                .register(registry);
    }

    @Bean
    MeterFilter meterDescriptions() {
        return new MeterDescriptions();
    }

    /** Registered here rather than scanned, so that web slice tests of other features do not pick it up. */
    @Bean
    FilterRegistrationBean<ServedBytesFilter> servedBytesFilter(ServedChannels channels, MeterRegistry registry) {
        FilterRegistrationBean<ServedBytesFilter> registration = new FilterRegistrationBean<>(new ServedBytesFilter(channels, registry));
        registration.addUrlPatterns("/*");
        return registration;
    }
}
