package io.strata.contract.organization;

import java.time.Instant;

/** An organization as the REST API returns it. */
public record OrganizationResource(String id, String name, Instant createdAt, Instant updatedAt) {
}
