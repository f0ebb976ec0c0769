package io.strata.contract.job;

/** Job types (API.md) and the resource type each acts on. */
public final class JobTypes {
    private JobTypes() {
    }

    public static final String DATABASE_CREATE = "database.create";
    public static final String DATABASE_DELETE = "database.delete";
    public static final String CREDENTIALS_ROTATE = "credentials.rotate";

    public static final String RESOURCE_DATABASE = "database";
}
