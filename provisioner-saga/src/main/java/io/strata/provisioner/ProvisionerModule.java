package io.strata.provisioner;

import io.strata.platform.PlatformConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import io.strata.platform.store.ModuleSchema;
import io.strata.platform.store.ProcessorProgress;
import io.strata.platform.web.ReadModelProgress;
import io.strata.provisioner.dataplane.DataPlaneDatabases;
import io.strata.webhooks.WebhooksModule;
import org.axonframework.serialization.Serializer;
import java.util.Set;

/** Everything provisioner-saga runs (webhook delivery included); imported as is by its own application and by the standalone. */
@Configuration(proxyBeanMethods = false)
@Import({PlatformConfiguration.class, WebhooksModule.class})
@ConfigurationPropertiesScan(basePackageClasses = ProvisionerModule.class)
@ComponentScan(basePackageClasses = ProvisionerModule.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
@PropertySource("classpath:provisioner-defaults.properties")
public class ProvisionerModule {
    @Bean
    ModuleSchema provisionerSchema() {
        return new ModuleSchema("provisioner");
    }

    /** Read-your-writes on the data plane waits for its view of databases. */
    @Bean
    ReadModelProgress provisionerReadModels(JdbcTemplate jdbc, Serializer serializer) {
        return new ProcessorProgress(jdbc, serializer, Set.of(DataPlaneDatabases.GROUP));
    }
}
