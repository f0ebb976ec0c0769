package io.strata.platform.store;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tables every process shares: the event store, tokens, sagas and the API-key lookup. */
@Configuration(proxyBeanMethods = false)
public class PlatformSchema {
    @Bean
    ModuleSchema platformModuleSchema() {
        return new ModuleSchema("platform");
    }
}
