package io.strata.contract;

/** Metadata keys every command and event carries, so the audit log can say who, when and from which request. */
public final class Metadata {
    private Metadata() {
    }

    public static final String ACTOR_TYPE = "actorType";
    public static final String ACTOR_ID = "actorId";
    public static final String ORGANIZATION_ID = "organizationId";
    public static final String REQUEST_ID = "requestId";

    public static final String ACTOR_API_KEY = "api_key";
    public static final String ACTOR_OPERATOR = "operator";
    public static final String ACTOR_SYSTEM = "system";
}
