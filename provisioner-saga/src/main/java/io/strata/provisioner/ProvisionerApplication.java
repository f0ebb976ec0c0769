package io.strata.provisioner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication(scanBasePackageClasses = {})
@Import(ProvisionerModule.class)
public class ProvisionerApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProvisionerApplication.class, args);
    }
}
