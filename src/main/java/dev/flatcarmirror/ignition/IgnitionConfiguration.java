package dev.flatcarmirror.ignition;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IgnitionProperties.class)
class IgnitionConfiguration {
}
