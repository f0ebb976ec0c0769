package io.strata.platform.store;

/**
 * The tables one module owns: Flyway migrations under {@code classpath:db/<module>} with their own
 * history table, so the split processes can share one database and each migrates only what it owns.
 */
public record ModuleSchema(String module) {
    public String location() {
        return "classpath:db/" + module;
    }

    public String historyTable() {
        return "flyway_history_" + module.replace('-', '_');
    }
}
