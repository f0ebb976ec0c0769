package io.strata.command.organization;

import io.strata.command.apikey.ApiKey;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.Scopes;
import io.strata.contract.organization.OrganizationCommands.CreateOrganization;
import io.strata.contract.organization.OrganizationCommands.RenameOrganization;
import io.strata.contract.organization.OrganizationEvents.OrganizationCreated;
import io.strata.contract.organization.OrganizationEvents.OrganizationRenamed;
import io.strata.contract.organization.OrganizationResource;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.predicate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Organization aggregate and its onboarding handler. The fixture records one aggregate's
 * events only (it refuses events of a second aggregate), so onboarding gets the fixture's
 * Organization repository and an event-sourcing ApiKey repository over an in-memory store of its
 * own, whose stream is asserted separately.
 */
class OrganizationTest {
    private static final String ORG = "org_1";
    private static final String KEY = "key_1";
    private static final Set<String> ALL = Scopes.all();

    private AggregateTestFixture<Organization> fixture;
    private EmbeddedEventStore apiKeyStore;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        apiKeyStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        var apiKeys = EventSourcingRepository.builder(ApiKey.class).eventStore(apiKeyStore).build();
        fixture.registerAnnotatedCommandHandler(new OrganizationOnboarding(fixture.getRepository(), apiKeys));
    }

    @AfterEach
    void tearDown() {
        apiKeyStore.shutDown();
    }

    @Test
    void onboardingCreatesTheOrganizationAndItsFirstKeyInOneUnitOfWork() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganization(ORG, "Acme", KEY, "default", "strata_sk_abcdef", "ab".repeat(32), ALL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganizationCreated(ORG, "Acme"))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof OrganizationResource o
                        && o.id().equals(ORG) && o.name().equals("Acme") && o.createdAt() != null));

        DomainEventStream keyEvents = apiKeyStore.readEvents(KEY);
        List<Object> payloads = keyEvents.asStream().map(e -> (Object) e.getPayload()).toList();
        assertThat(payloads).containsExactly(
                new ApiKeyCreated(KEY, ORG, "default", ALL, null, null, "strata_sk_abcdef", "ab".repeat(32)));
    }

    @Test
    void renameEmitsRenamed() {
        fixture.given(new OrganizationCreated(ORG, "Acme"))
                .when(new RenameOrganization(ORG, "Acme Corp"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganizationRenamed(ORG, "Acme Corp"))
                .expectState(org -> assertThat(org.view().name()).isEqualTo("Acme Corp"));
    }

    @Test
    void renameToTheSameNameEmitsNothing() {
        fixture.given(new OrganizationCreated(ORG, "Acme"), new OrganizationRenamed(ORG, "Acme Corp"))
                .when(new RenameOrganization(ORG, "Acme Corp"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
