package io.strata.contract.project;

import java.time.Instant;

/** A project as the REST API returns it. */
public record ProjectResource(String id, String organizationId, String name, Instant createdAt, Instant updatedAt) {
}
