package io.strata.contract.apikey;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scopes an API key can hold (API.md, "Scopes"). */
public final class Scopes {
    private Scopes() {
    }

    public static final String ORGANIZATIONS_READ = "organizations:read";
    public static final String ORGANIZATIONS_WRITE = "organizations:write";
    public static final String API_KEYS_READ = "api_keys:read";
    public static final String API_KEYS_WRITE = "api_keys:write";
    public static final String PROJECTS_READ = "projects:read";
    public static final String PROJECTS_WRITE = "projects:write";
    public static final String DATABASES_READ = "databases:read";
    public static final String DATABASES_WRITE = "databases:write";
    public static final String CREDENTIALS_READ = "credentials:read";
    public static final String CREDENTIALS_WRITE = "credentials:write";
    public static final String JOBS_READ = "jobs:read";
    public static final String WEBHOOKS_READ = "webhooks:read";
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    public static final String USAGE_READ = "usage:read";
    public static final String AUDIT_READ = "audit:read";

    public static final List<String> ALL = List.of(ORGANIZATIONS_READ, ORGANIZATIONS_WRITE, API_KEYS_READ,
            API_KEYS_WRITE, PROJECTS_READ, PROJECTS_WRITE, DATABASES_READ, DATABASES_WRITE, CREDENTIALS_READ,
            CREDENTIALS_WRITE, JOBS_READ, WEBHOOKS_READ, WEBHOOKS_WRITE, USAGE_READ, AUDIT_READ);

    /** Scopes a project-scoped key may not hold: they act on the whole organization. */
    public static final Set<String> ORGANIZATION_WIDE = Set.of(ORGANIZATIONS_WRITE, API_KEYS_WRITE, WEBHOOKS_WRITE);

    /** Scopes in the canonical order of {@link #ALL}, so every listing shows them the same way. */
    public static String[] ordered(Set<String> scopes) {
        return ALL.stream().filter(scopes::contains).toArray(String[]::new);
    }

    public static Set<String> all() {
        return new LinkedHashSet<>(ALL);
    }
}
