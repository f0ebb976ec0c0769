package io.strata.command.apikey;

import io.strata.command.project.Project;
import io.strata.contract.Refusal;
import io.strata.contract.apikey.ApiKeyCommands.CreateApiKey;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.project.ProjectEvents.ProjectCreated;
import io.strata.contract.project.ProjectEvents.ProjectDeleted;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.strata.command.Refusals.notFound;

/**
 * Key creation through {@link ApiKeyCommandHandler}. The fixture records the ApiKey's events; the
 * projects the handler checks live in an event-sourcing repository over an in-memory store.
 */
class ApiKeyCommandHandlerTest {
    private static final String ORG = "org_1";
    private static final String KEY = "key_1";
    private static final String PROJECT = "prj_1";
    private static final Set<String> SCOPES = Set.of("projects:read", "projects:write");
    private static final Instant EXPIRES = Instant.parse("2099-01-01T00:00:00Z");

    private AggregateTestFixture<ApiKey> fixture;
    private EmbeddedEventStore projectStore;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
        projectStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        var projects = EventSourcingRepository.builder(Project.class).eventStore(projectStore).build();
        fixture.registerAnnotatedCommandHandler(new ApiKeyCommandHandler(fixture.getRepository(), projects));
    }

    @AfterEach
    void tearDown() {
        projectStore.shutDown();
    }

    private void projectHistory(Object... events) {
        List<GenericDomainEventMessage<?>> messages = new java.util.ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            messages.add(new GenericDomainEventMessage<>("Project", PROJECT, i, events[i]));
        }
        projectStore.publish(messages);
    }

    private static CreateApiKey create(String projectId) {
        return new CreateApiKey(KEY, ORG, "ci", SCOPES, projectId, EXPIRES, "strata_sk_abcdef", "ef".repeat(32));
    }

    @Test
    void createsAnOrganizationWideKey() {
        fixture.givenNoPriorActivity()
                .when(create(null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ApiKeyCreated(KEY, ORG, "ci", SCOPES, null, EXPIRES, "strata_sk_abcdef", "ef".repeat(32)));
    }

    @Test
    void createsAKeyForALiveProjectOfTheOrganization() {
        projectHistory(new ProjectCreated(PROJECT, ORG, "web"));
        fixture.givenNoPriorActivity()
                .when(create(PROJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ApiKeyCreated(KEY, ORG, "ci", SCOPES, PROJECT, EXPIRES, "strata_sk_abcdef", "ef".repeat(32)));
    }

    @Test
    void aDeletedProjectIsNotFound() {
        projectHistory(new ProjectCreated(PROJECT, ORG, "web"), new ProjectDeleted(PROJECT, ORG));
        fixture.givenNoPriorActivity()
                .when(create(PROJECT))
                .expectException(Refusal.class)
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }

    @Test
    void anUnknownProjectIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(create("prj_unknown"))
                .expectException(notFound())
                .expectExceptionMessage("project prj_unknown was not found")
                .expectNoEvents();
    }

    @Test
    void anotherOrganizationsProjectIsNotFound() {
        projectHistory(new ProjectCreated(PROJECT, "org_other", "theirs"));
        fixture.givenNoPriorActivity()
                .when(create(PROJECT))
                .expectException(notFound())
                .expectExceptionMessage("project " + PROJECT + " was not found")
                .expectNoEvents();
    }
}
