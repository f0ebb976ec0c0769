package io.strata.query;

import io.strata.platform.PlatformConfiguration;
import io.strata.platform.store.ModuleSchema;
import io.strata.platform.store.ProcessorProgress;
import io.strata.platform.web.ReadModelProgress;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** Everything query-service runs; imported as is by its own application and by the standalone. */
@Configuration(proxyBeanMethods = false)
@Import(PlatformConfiguration.class)
@ComponentScan(basePackageClasses = QueryServiceModule.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class QueryServiceModule {
    @Bean
    ModuleSchema querySchema() {
        return new ModuleSchema("query");
    }

    /** Read-your-writes waits on every projection this service serves from. */
    @Bean
    ReadModelProgress queryReadModels(JdbcTemplate jdbc, Serializer serializer) {
        return new ProcessorProgress(jdbc, serializer, ReadModels.PROCESSORS);
    }
}
