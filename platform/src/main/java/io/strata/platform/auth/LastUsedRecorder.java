package io.strata.platform.auth;

import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code lastUsedAt} without an event (or a write) per request: uses are noted in memory and
 * flushed in one batch every few seconds. A crash loses at most that interval of "last used" times.
 */
@Component
public class LastUsedRecorder {
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;

    public LastUsedRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void used(String apiKeyId, Instant at) {
        pending.merge(apiKeyId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Scheduled(fixedDelayString = "${strata.api-keys.last-used-flush-interval:5s}")
    @PreDestroy
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Object[]> batch = new ArrayList<>();
        for (String id : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(id);
            if (at != null) {
                Timestamp t = Timestamp.from(at);
                batch.add(new Object[]{t, t, id});
            }
        }
        jdbc.batchUpdate("update api_key_lookup set last_used_at = greatest(coalesce(last_used_at, ?), ?) where api_key_id = ?",
                batch);
    }
}
