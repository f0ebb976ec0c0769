package io.strata.acceptance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone runs exactly what the three services run (ARCHITECTURE rule 8): every library
 * packaged in a service's jar is packaged in the standalone's too. A dependency declared with a
 * narrower scope in the standalone's pom would otherwise silently drop out of its jar while every
 * test (which runs on the test class path) still passed.
 */
class StandaloneJarIT {
    private static final Path REPOSITORY = Path.of(System.getProperty("strata.repository", ".."));

    @Test
    void theStandaloneJarPackagesEveryLibraryOfTheThreeServices() throws IOException {
        Set<String> standalone = libraries("standalone");
        for (String service : List.of("command-service", "query-service", "provisioner-saga")) {
            Set<String> missing = new TreeSet<>(libraries(service));
            missing.removeAll(standalone);
            assertThat(missing).as("libraries of %s missing from standalone.jar", service).isEmpty();
        }
        assertThat(standalone).anyMatch(l -> l.startsWith("standardwebhooks-")).anyMatch(l -> l.startsWith("provisioner-saga"));
    }

    private static Set<String> libraries(String module) throws IOException {
        Path jar = REPOSITORY.resolve(module).resolve("target").resolve(module + ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> libs = new TreeSet<>();
            zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length())).forEach(libs::add);
            return libs;
        }
    }
}
