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
import io.strata.platform.store.BatchRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Jobs, databases and API keys as a GET shows them, folded by this module itself (wh_views) with the
 * contract's folds, the same ones query-service's projections use, and batched the same way (BatchRows). The fan-out folds each event before
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
    private final BatchRows<JobResource> jobs;
    private final BatchRows<DatabaseFold.State> databases;
    private final BatchRows<ApiKeyResource> apiKeys;

    public PayloadViews(JdbcTemplate jdbc, ApiKeyLookup apiKeyLookup) {
        this.jdbc = jdbc;
        this.apiKeyLookup = apiKeyLookup;
        this.jobs = rows("job", JobResource.class, JobResource::id);
        this.databases = rows("database", DatabaseFold.State.class, state -> state.database().id());
        this.apiKeys = rows("api_key", ApiKeyResource.class, ApiKeyResource::id);
    }

    /**
     * Folds the event into the view it concerns, if any. A view is read once per processor batch and
     * written once when the batch commits; the payloads of the batch's events read it as changed so far.
     */
    public void fold(Object event, Instant at, long sequenceNumber) {
        change(jobs, JobFold.jobIdOf(event), JobResource.class, job -> JobFold.after(job, event, at));
        change(databases, DatabaseFold.databaseIdOf(event), DatabaseFold.State.class,
                database -> DatabaseFold.after(database, event, at, sequenceNumber));
        change(apiKeys, ApiKeyFold.apiKeyIdOf(event), ApiKeyResource.class, key -> ApiKeyFold.after(key, event, at));
    }

    public Optional<JobResource> job(String id) {
        return jobs.current(id);
    }

    public Optional<DatabaseResource> database(String id) {
        return databases.current(id).map(DatabaseFold.State::database);
    }

    /** Never the secret nor its hash; lastUsedAt comes from the authentication table, as in the GET. */
    public Optional<ApiKeyResource> apiKey(String id) {
        return apiKeys.current(id)
                .map(k -> ApiKeyFold.withLastUsedAt(k, apiKeyLookup.lastUsedAt(id).orElse(null)));
    }

    public void deleteAll() {
        jdbc.update("delete from wh_views");
    }

    /** A fold's result as the table keeps it (times at the microsecond), so a payload reads like the GET. */
    private static <T> void change(BatchRows<T> rows, String id, Class<T> type, UnaryOperator<T> fold) {
        if (id != null) {
            rows.change(id, before -> {
                T after = fold.apply(before);
                return after == null ? null : parse(write(after), type);
            });
        }
    }

    private <T> BatchRows<T> rows(String kind, Class<T> type, Function<T, String> idOf) {
        return new BatchRows<>("wh_views:" + kind,
                id -> jdbc.queryForList("select view from wh_views where kind = ? and id = ?", String.class, kind, id)
                        .stream().findFirst().map(json -> parse(json, type)),
                view -> jdbc.update("insert into wh_views (kind, id, view) values (?, ?, ?) "
                        + "on conflict (kind, id) do update set view = excluded.view", kind, idOf.apply(view), write(view)));
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " view", e);
        }
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
