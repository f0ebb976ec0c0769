package io.strata.webhooks.fanout;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.strata.contract.apikey.ApiKeyFold;
import io.strata.contract.apikey.ApiKeyResource;
import io.strata.contract.database.DatabaseFold;
import io.strata.contract.database.DatabaseResource;
import io.strata.contract.job.JobFold;
import io.strata.contract.job.JobResource;
import io.strata.platform.auth.ApiKeyLookup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Jobs, databases and API keys as a GET shows them, folded by this module itself (wh_views) with the
 * contract's folds, the same ones query-service's projections use. The fan-out folds each event before
 * it builds that event's payload, in one processor, so a payload reflects every event before it and
 * never waits for another process. Each view is kept as JSON, its times at the microsecond a read
 * table keeps (rounded the way PostgreSQL stores them), so a payload reads exactly like the GET.
 */
@Component
public class PayloadViews {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new MicrosecondInstants())
                    .addAbstractTypeMapping(Set.class, LinkedHashSet.class)) // scopes keep their order
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final JdbcTemplate jdbc;
    private final ApiKeyLookup apiKeyLookup;

    public PayloadViews(JdbcTemplate jdbc, ApiKeyLookup apiKeyLookup) {
        this.jdbc = jdbc;
        this.apiKeyLookup = apiKeyLookup;
    }

    /** Folds the event into the view it concerns, if any; an event that changes nothing writes nothing. */
    public void fold(Object event, Instant at, long sequenceNumber) {
        change("job", JobFold.jobIdOf(event), JobResource.class, job -> JobFold.after(job, event, at));
        change("database", DatabaseFold.databaseIdOf(event), DatabaseFold.State.class,
                database -> DatabaseFold.after(database, event, at, sequenceNumber));
        change("api_key", ApiKeyFold.apiKeyIdOf(event), ApiKeyResource.class, key -> ApiKeyFold.after(key, event, at));
    }

    public Optional<JobResource> job(String id) {
        return read("job", id, JobResource.class);
    }

    public Optional<DatabaseResource> database(String id) {
        return read("database", id, DatabaseFold.State.class).map(DatabaseFold.State::database);
    }

    /** Never the secret nor its hash; lastUsedAt comes from the authentication table, as in the GET. */
    public Optional<ApiKeyResource> apiKey(String id) {
        return read("api_key", id, ApiKeyResource.class)
                .map(k -> ApiKeyFold.withLastUsedAt(k, apiKeyLookup.lastUsedAt(id).orElse(null)));
    }

    public void deleteAll() {
        jdbc.update("delete from wh_views");
    }

    private <T> void change(String kind, String id, Class<T> type, UnaryOperator<T> fold) {
        if (id == null) {
            return;
        }
        T before = read(kind, id, type).orElse(null);
        T after = fold.apply(before);
        if (after != null && !after.equals(before)) {
            jdbc.update("insert into wh_views (kind, id, view) values (?, ?, ?) "
                    + "on conflict (kind, id) do update set view = excluded.view", kind, id, write(after));
        }
    }

    private <T> Optional<T> read(String kind, String id, Class<T> type) {
        return jdbc.queryForList("select view from wh_views where kind = ? and id = ?", String.class, kind, id).stream()
                .findFirst().map(json -> {
                    try {
                        return JSON.readValue(json, type);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable " + kind + " view " + id, e);
                    }
                });
    }

    private static String write(Object view) {
        try {
            return JSON.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a view", e);
        }
    }

    /** PostgreSQL keeps microseconds, rounding half up: the views keep what a read table would. */
    private static final class MicrosecondInstants extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(Instant.ofEpochSecond(value.getEpochSecond()).plusNanos((value.getNano() + 500) / 1000 * 1000L)
                    .toString());
        }
    }
}
