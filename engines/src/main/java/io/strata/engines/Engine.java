package io.strata.engines;

/**
 * One data-plane engine: its admin side (configured admin credentials) and its tenant side (only
 * the tenant's own credentials). Names on the engine come from {@link EngineNames#of(String)},
 * never from user input.
 *
 * @param id {@code postgres} | {@code mariadb} | {@code sqlite}
 */
public record Engine(String id, EngineAdmin admin, EngineTenant tenant) {
    /** Configured at all (the tenant side works without: registered databases need no admin). */
    public boolean enabled() {
        return admin.enabled();
    }

    /** Live check, as {@code GET /v1/engines} reports it. */
    public EngineStatus status() {
        return admin.status();
    }
}
