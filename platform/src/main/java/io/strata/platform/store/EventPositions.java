package io.strata.platform.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;

/** Where the event store stands: the position a write reports in {@code X-Strata-Position}. */
@Component
public class EventPositions {
    private final JdbcTemplate jdbc;

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the newest event of these aggregates (after a write: at least the write's own). */
    public long latestOf(Collection<String> aggregateIds) {
        Long position = jdbc.queryForObject(
                "select max(global_index) from domain_event_entry where aggregate_identifier = any(?)",
                Long.class, (Object) aggregateIds.toArray(String[]::new));
        return position == null ? 0 : position;
    }

    public long head() {
        Long position = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return position == null ? 0 : position;
    }
}
