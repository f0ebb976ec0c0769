package io.strata.standalone;

import io.strata.command.CommandServiceModule;
import io.strata.provisioner.ProvisionerModule;
import io.strata.query.QueryServiceModule;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The three services in one JVM on one port: the same module configurations, nothing added or replaced. */
@SpringBootApplication(scanBasePackageClasses = {})
@Import({CommandServiceModule.class, QueryServiceModule.class, ProvisionerModule.class})
public class StandaloneApplication {
    public static void main(String[] args) {
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
