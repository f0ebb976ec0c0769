package io.strata.platform;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The cross-cutting layer each process imports exactly once: store wiring, auth, errors, health. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = PlatformConfiguration.class)
@ConfigurationPropertiesScan(basePackageClasses = PlatformConfiguration.class)
@EnableScheduling
@PropertySource("classpath:strata-defaults.properties")
public class PlatformConfiguration {
}
