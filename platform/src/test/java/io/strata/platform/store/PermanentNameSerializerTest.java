package io.strata.platform.store;

import io.strata.contract.EventType;
import io.strata.contract.OrganizationEvent;
import io.strata.contract.ResourceEvent;
import io.strata.contract.catalog.EventCatalog;
import io.strata.contract.database.DatabaseEvents.DatabaseReady;
import io.strata.contract.job.DatabaseOutcome;
import io.strata.contract.project.ProjectEvents.ProjectCreated;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are stored under their permanent names, and the class names the first release stored still load. */
class PermanentNameSerializerTest {
    private final Serializer serializer = AxonStoreConfiguration.storageSerializer();

    @Test
    void everyEventHasAUniquePermanentNameARevisionAndItsResource() {
        assertThat(EventCatalog.events()).hasSize(41);
        Set<String> names = new HashSet<>();
        for (Class<?> event : EventCatalog.events()) {
            assertThat(event.isRecord()).as(event.getName()).isTrue();
            assertThat(names.add(event.getAnnotation(EventType.class).value())).as(event.getName()).isTrue();
            assertThat(event.getAnnotation(Revision.class)).as(event.getName()).isNotNull();
            assertThat(ResourceEvent.class).as(event.getName()).isAssignableFrom(event);
            assertThat(OrganizationEvent.class).as(event.getName()).isAssignableFrom(event);
            assertThat(EventCatalog.classOf(EventCatalog.nameOf(event).orElseThrow())).contains(event);
        }
    }

    @Test
    void anEventIsStoredUnderItsNameAndRevisionNotItsClass() {
        SerializedObject<byte[]> stored = serializer.serialize(new ProjectCreated("prj_1", "org_1", "web"), byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("ProjectCreated");
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                .isEqualTo("{\"projectId\":\"prj_1\",\"organizationId\":\"org_1\",\"name\":\"web\"}");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(new ProjectCreated("prj_1", "org_1", "web"));
    }

    @Test
    void theClassNamesTheFirstReleaseStoredStillLoad() {
        String json = "{\"databaseId\":\"db_1\",\"organizationId\":\"org_1\",\"projectId\":\"prj_1\",\"jobId\":\"job_1\","
                + "\"outcome\":{\"host\":\"h\",\"port\":5432,\"databaseName\":\"d\",\"user\":\"u\",\"credentialVersion\":1,"
                + "\"credentialFingerprint\":\"f\"}}";
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                byte[].class, new SimpleSerializedType("io.strata.contract.database.DatabaseEvents$DatabaseReady", null)));

        assertThat(payload).isEqualTo(new DatabaseReady("db_1", "org_1", "prj_1", "job_1",
                new DatabaseOutcome("h", 5432, "d", "u", 1, "f")));
        for (Map.Entry<String, String> old : EventCatalog.FIRST_RELEASE_NAMES.entrySet()) {
            Class<?> event = EventCatalog.classOf(old.getKey()).orElseThrow();
            assertThat(old.getKey()).endsWith("$" + event.getSimpleName());
            assertThat(EventCatalog.nameOf(event)).contains(old.getValue());
        }
    }

    @Test
    void everythingElseKeepsItsClassName() {
        SerializedObject<byte[]> token = serializer.serialize(new GlobalSequenceTrackingToken(7), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.with("actorType", "system"), byte[].class);

        assertThat(token.getType().getName()).isEqualTo(GlobalSequenceTrackingToken.class.getName());
        assertThat(metaData.getType().getName()).isEqualTo(MetaData.class.getName());
        assertThat((Object) serializer.deserialize(token)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }
}
