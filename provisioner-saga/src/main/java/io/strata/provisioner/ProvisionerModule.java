package io.strata.provisioner;

import io.strata.platform.PlatformConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/** Everything provisioner-saga runs; imported as is by its own application and by the standalone. */
@Configuration(proxyBeanMethods = false)
@Import(PlatformConfiguration.class)
@ConfigurationPropertiesScan(basePackageClasses = ProvisionerModule.class)
@ComponentScan(basePackageClasses = ProvisionerModule.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class ProvisionerModule {
}
