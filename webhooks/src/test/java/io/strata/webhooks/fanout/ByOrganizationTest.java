package io.strata.webhooks.fanout;

import io.strata.contract.job.JobEvents.JobCompleted;
import io.strata.contract.job.JobType;
import io.strata.contract.webhook.WebhookEvents.WebhookEndpointDeleted;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByOrganizationTest {
    private final ByOrganization policy = new ByOrganization();

    @Test
    void anOrganizationsEndpointChangesAndSourceEventsShareOneSequence() {
        Object endpoint = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new WebhookEndpointDeleted("wh_1", "org_a")));
        Object job = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new JobCompleted("job_1", "org_a", JobType.DATABASE_CREATE, "db_1")));
        assertThat(endpoint).isEqualTo("org_a").isEqualTo(job);
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new WebhookEndpointDeleted("wh_2", "org_b")))).isEqualTo("org_b");
    }

    @Test
    void anEventWithoutAnOrganizationFallsIntoTheSharedSequence() {
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage("not a record")))
                .isEqualTo(ByOrganization.SHARED);
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new WebhookEndpointDeleted("wh_3", null)))).isEqualTo(ByOrganization.SHARED);
    }
}
