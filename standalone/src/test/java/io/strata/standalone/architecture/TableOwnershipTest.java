package io.strata.standalone.architecture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A module's SQL touches only its own tables": the processes share one PostgreSQL database, so nothing
 * but this rule keeps one from reading another's tables (and coupling their schemas) behind the events'
 * back. A table belongs to the module whose Flyway migration creates it; every table name in a string
 * literal of a module's main sources, and in its migrations, must be one of its own.
 */
class TableOwnershipTest {
    /** The prefix every table of a module carries (platform holds Axon's tables and the key look-up). */
    static final Map<String, Pattern> TABLE_NAMES_BY_MODULE = Map.of(
            "platform", Pattern.compile("domain_event_entry|snapshot_event_entry|token_entry|saga_entry"
                    + "|association_value_entry|api_key_lookup"),
            "command-service", Pattern.compile("c_[a-z0-9_]+"),
            "query-service", Pattern.compile("q_[a-z0-9_]+"),
            "provisioner-saga", Pattern.compile("prov_[a-z0-9_]+|scheduled_tasks"),
            "webhooks", Pattern.compile("wh_[a-z0-9_]+"));
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z0-9_]+)");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Table name → the module whose migration creates it. */
    private static final Map<String, String> OWNER = new TreeMap<>();

    @BeforeAll
    static void readMigrations() {
        for (Path module : modules()) {
            for (Path sql : files(module.resolve("src/main/resources/db"), ".sql")) {
                Matcher m = CREATE_TABLE.matcher(read(sql));
                while (m.find()) {
                    OWNER.put(m.group(1).toLowerCase(), module.getFileName().toString());
                }
            }
        }
        assertThat(OWNER).as("tables found in the migrations").containsKeys("domain_event_entry", "q_jobs");
    }

    @Test
    void everyTableCarriesItsModulesPrefix() {
        List<String> wrong = new ArrayList<>();
        OWNER.forEach((table, module) -> {
            Pattern names = TABLE_NAMES_BY_MODULE.get(module);
            if (names == null || !names.matcher(table).matches()) {
                wrong.add(table + " (created by " + module + ")");
            }
        });
        assertThat(wrong).as("tables without their module's prefix").isEmpty();
    }

    @Test
    void aModulesSqlTouchesOnlyItsOwnTables() {
        List<String> violations = new ArrayList<>();
        for (Path module : modules()) {
            String name = module.getFileName().toString();
            for (Path source : files(module.resolve("src/main/java"), ".java")) {
                for (String literal : literals(read(source))) {
                    check(name, source, literal, violations);
                }
            }
            for (Path sql : files(module.resolve("src/main/resources/db"), ".sql")) {
                check(name, sql, read(sql), violations);
            }
        }
        assertThat(violations).as("SQL that touches another module's tables").isEmpty();
    }

    private static void check(String module, Path file, String text, List<String> violations) {
        Matcher words = Pattern.compile("[A-Za-z0-9_]+").matcher(text);
        while (words.find()) {
            String owner = OWNER.get(words.group().toLowerCase());
            if (owner != null && !owner.equals(module)) {
                violations.add(ROOT.relativize(file) + " uses " + words.group() + ", a table of " + owner);
            }
        }
    }

    static List<String> literals(String java) {
        List<String> literals = new ArrayList<>();
        Matcher blocks = TEXT_BLOCK.matcher(java);
        StringBuilder rest = new StringBuilder();
        while (blocks.find()) {
            literals.add(blocks.group(1));
            blocks.appendReplacement(rest, " ");
        }
        blocks.appendTail(rest);
        String code = rest.toString().replaceAll("(?m)//.*$", "");
        Matcher strings = STRING.matcher(code);
        while (strings.find()) {
            literals.add(strings.group(1));
        }
        return literals;
    }

    private static List<Path> modules() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("src/main"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
