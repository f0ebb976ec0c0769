package io.strata.command.apikey;

import io.strata.contract.Refusal;
import io.strata.contract.apikey.ApiKeyCommands.RevokeApiKey;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyCreated;
import io.strata.contract.apikey.ApiKeyEvents.ApiKeyRevoked;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.strata.command.Refusals.notFound;

/** The ApiKey lifecycle: revoked at most once, and only by its own organization. Creation: see ApiKeyCommandHandlerTest. */
class ApiKeyTest {
    static final String ORG = "org_1";
    static final String KEY = "key_1";

    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
    }

    static ApiKeyCreated created() {
        return new ApiKeyCreated(KEY, ORG, "ci", Set.of("projects:read"), null, null, "strata_sk_abcdef", "cd".repeat(32));
    }

    @Test
    void revokeEmitsRevoked() {
        fixture.given(created())
                .when(new RevokeApiKey(KEY, ORG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ApiKeyRevoked(KEY, ORG));
    }

    @Test
    void revokingTwiceEmitsNothingTheSecondTime() {
        fixture.given(created(), new ApiKeyRevoked(KEY, ORG))
                .when(new RevokeApiKey(KEY, ORG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherOrganizationCannotRevokeIt() {
        fixture.given(created())
                .when(new RevokeApiKey(KEY, "org_other"))
                .expectException(Refusal.class)
                .expectException(notFound())
                .expectExceptionMessage("api key " + KEY + " was not found")
                .expectNoEvents();
    }
}
