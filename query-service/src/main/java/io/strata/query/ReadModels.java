package io.strata.query;

import java.util.Set;

/** The processing groups of query-service: one per projection, named explicitly (ARCHITECTURE rule 2). */
public final class ReadModels {
    private ReadModels() {
    }

    public static final String ORGANIZATIONS = "query.organizations";
    public static final String API_KEYS = "query.api-keys";
    public static final String PROJECTS = "query.projects";

    public static final String DATABASES = "query.databases";
    public static final String JOBS = "query.jobs";

    public static final String WEBHOOKS = "query.webhooks";
    public static final String DELIVERIES = "query.webhook-deliveries";

    public static final String AUDIT = "query.audit-log";
    public static final String USAGE = "query.usage";

    public static final Set<String> PROCESSORS = Set.of(ORGANIZATIONS, API_KEYS, PROJECTS, DATABASES, JOBS, WEBHOOKS,
            DELIVERIES, AUDIT, USAGE);
}
