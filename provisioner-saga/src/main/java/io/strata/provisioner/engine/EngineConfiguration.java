package io.strata.provisioner.engine;

import io.strata.engines.EngineRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engines library as this process uses it: configured from {@link EngineProperties}, with the admin credentials. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {
    @Bean
    EngineRegistry engineRegistry(EngineProperties engines) {
        return EngineRegistry.of(engines.postgres(), engines.mariadb(), engines.sqlite(), EngineRegistry.DEFAULT_CONNECT_TIMEOUT);
    }
}
