package io.strata.platform.auth;

import io.strata.platform.web.ApiException;

import java.time.Instant;
import java.util.Set;

/** Who is calling: the operator (admin token) or one API key of one organization. */
public record Caller(Kind kind, String apiKeyId, String organizationId, String name, Set<String> scopes,
                     String projectId, Instant expiresAt) {
    public enum Kind { OPERATOR, API_KEY }

    public static Caller operator() {
        return new Caller(Kind.OPERATOR, null, null, "operator", Set.of(), null, null);
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    public boolean projectScoped() {
        return projectId != null;
    }

    /** A project-scoped key sees only its own project: anything else is "not found", as for another tenant. */
    public void requireProject(String resource, String resourceId, String resourceProjectId) {
        if (projectId != null && !projectId.equals(resourceProjectId)) {
            throw ApiException.notFound(resource, resourceId);
        }
    }
}
