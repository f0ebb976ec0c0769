package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.contract.catalog.EventCatalog;
import io.strata.contract.database.DatabaseCommands.RenameDatabase;
import io.strata.contract.project.ProjectCommands.RenameProject;
import io.strata.platform.store.AxonStoreConfiguration;
import io.strata.platform.store.ProcessorProgress;
import io.strata.query.ReadModels;
import io.strata.query.audit.AuditEntry;
import io.strata.query.audit.AuditLogProjection;
import io.strata.query.audit.ResourceHistory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store written by the first release still loads. The fixture (resources/stores) holds the events of
 * four stores the first release wrote while its HTTP tests ran (databases created, failed, rotated,
 * registered and deleted; keys, projects, webhooks with delivered, retried, failed and gone deliveries;
 * usage), exactly as stored: payload types are class names, revisions null. Beside it, the read tables
 * the first release projected from those events (without the store positions, which differ here).
 * <p>
 * The events are appended to a fresh store while only query-service's projections run: in a real upgrade
 * the sagas, policies and webhook fan-out handled this history under the old release already.
 */
class FirstReleaseStoreTest extends StandaloneTest {
    private static final ObjectMapper JSON = AxonStoreConfiguration.storageObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<String> READ_TABLES = List.of("q_organizations", "q_api_keys", "q_projects",
            "q_databases", "q_jobs", "q_webhooks", "q_webhook_deliveries", "q_webhook_attempts", "q_audit_log",
            "q_usage_facts", "q_usage_databases");

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    Serializer serializer;

    @Autowired
    CommandGateway commands;

    @Autowired
    AuditLogProjection auditLog;

    @Autowired
    ResourceHistory history;

    record StoredEvent(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                       String timeStamp, String payloadType, String payloadRevision, String payload, String metaData) {
    }

    @Test
    void everyEventOfAFirstReleaseStoreLoadsProjectsAsBeforeAndItsAggregatesTakeNewEvents() throws Exception {
        List<StoredEvent> fixture = lines("stores/first-release.jsonl").stream()
                .map(line -> read(line, StoredEvent.class)).toList();
        assertThat(fixture).extracting(StoredEvent::payloadType).allMatch(type -> type.startsWith("io.strata.contract."));
        stopAllButTheProjections();
        append(fixture);

        // Every event reads back through the storage engine as its event class, with every stored field.
        Map<String, Object> payloads = new LinkedHashMap<>();
        try (var events = storageEngine.readEvents(null, false)) {
            events.forEach(event -> payloads.put(event.getIdentifier(), event.getPayload()));
        }
        assertThat(payloads).hasSize(fixture.size());
        for (StoredEvent stored : fixture) {
            Object payload = payloads.get(stored.eventIdentifier());
            assertThat(payload).as(stored.payloadType()).isNotNull();
            assertThat(EventCatalog.classOf(stored.payloadType())).as(stored.payloadType()).contains(payload.getClass());
            assertThat(unordered(JSON.valueToTree(payload)).toString()).as(stored.payloadType())
                    .isEqualTo(unordered(JSON.readTree(stored.payload())).toString());
        }

        // The projections build exactly the rows the first release built from the same events.
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        awaitProjected(head);
        Map<String, List<String>> expected = new TreeMap<>();
        for (String line : lines("stores/first-release-read-model.jsonl")) {
            JsonNode row = JSON.readTree(line);
            expected.computeIfAbsent(row.get("table").asText(), t -> new ArrayList<>()).add(row.get("row").asText());
        }
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(READ_TABLES);
        for (String table : READ_TABLES) {
            assertThat(rowsWithoutPosition(table)).as(table)
                    .containsExactlyInAnyOrderElementsOf(normalized(expected.get(table)));
        }

        // The audit chains the first release recorded verify against the stored (class-name) types.
        Set<String> organizations = jdbc.queryForList("select id from q_organizations", String.class).stream()
                .collect(Collectors.toSet());
        assertThat(organizations).isNotEmpty();
        for (String organizationId : organizations) {
            assertThat(auditLog.verify(organizationId).ok()).as(organizationId).isTrue();
        }

        // Aggregates load from first-release events and append under the permanent names.
        String projectId = jdbc.queryForObject("select id from q_projects where name = 'fixture-web-2'", String.class);
        String organizationId = jdbc.queryForObject("select organization_id from q_projects where id = ?",
                String.class, projectId);
        commands.sendAndWait(new RenameProject(projectId, organizationId, "fixture-web-3"));
        String databaseId = jdbc.queryForObject("select id from q_databases where name = 'lite' and organization_id = ?",
                String.class, organizationId);
        commands.sendAndWait(new RenameDatabase(databaseId, organizationId, "lite-2", null));
        assertThat(jdbc.queryForList("select payload_type || '/' || payload_revision from domain_event_entry "
                + "where global_index > ? order by global_index", String.class, head))
                .containsExactly("ProjectRenamed/1", "DatabaseRenamed/1");

        long last = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        awaitProjected(last);
        assertThat(jdbc.queryForObject("select name from q_projects where id = ?", String.class, projectId))
                .isEqualTo("fixture-web-3");
        assertThat(jdbc.queryForObject("select name from q_databases where id = ?", String.class, databaseId))
                .isEqualTo("lite-2");
        assertThat(history.of(projectId)).extracting(e -> e.entry().type())
                .containsExactly("ProjectCreated", "ProjectRenamed", "ProjectRenamed");
        assertThat(history.of(databaseId)).extracting(ResourceHistory.Event::entry).extracting(AuditEntry::type)
                .endsWith("DatabaseRenamed");
        assertThat(auditLog.verify(organizationId).ok()).isTrue();
    }

    private void stopAllButTheProjections() {
        for (Map.Entry<String, EventProcessor> processor : processing.eventProcessors().entrySet()) {
            if (!ReadModels.PROCESSORS.contains(processor.getKey())) {
                processor.getValue().shutDown();
            }
        }
    }

    private void append(List<StoredEvent> events) {
        jdbc.batchUpdate("""
                        insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (?, ?, ?, ?, ?, ?, ?, convert_to(?, 'UTF8'), convert_to(?, 'UTF8'))""",
                events.stream().map(e -> new Object[]{e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                        e.type(), e.timeStamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData()}).toList());
    }

    private void awaitProjected(long position) {
        ProcessorProgress progress = new ProcessorProgress(jdbc, serializer, ReadModels.PROCESSORS);
        progress.setLocalProcessors(processing);
        await().atMost(DEADLINE).until(() -> progress.hasProcessed(position));
    }

    /** A table's rows as jsonb text without the store position, in UTC as the fixture was written. */
    private List<String> rowsWithoutPosition(String table) {
        return Objects.requireNonNull(jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            connection.createStatement().execute("set time zone 'UTC'");
            List<String> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select (to_jsonb(t) - 'position')::text from " + table + " t");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }));
    }

    /** The fixture's rows through the same jsonb text rendering, so formatting cannot differ. */
    private List<String> normalized(List<String> rows) {
        return rows.stream().map(row -> jdbc.queryForObject("select ?::jsonb::text", String.class, row)).toList();
    }

    /** The tree with its arrays sorted: a set (an API key's scopes) has no stored order to keep. */
    private static JsonNode unordered(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), unordered(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            StreamSupport.stream(node.spliterator(), false).map(FirstReleaseStoreTest::unordered)
                    .sorted(Comparator.comparing(JsonNode::toString)).forEach(copy::add);
            return copy;
        }
        return node;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = FirstReleaseStoreTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank()).toList();
        }
    }

    private static <T> T read(String line, Class<T> type) {
        try {
            return JSON.readValue(line, type);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
