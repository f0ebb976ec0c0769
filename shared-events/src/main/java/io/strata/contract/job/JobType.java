package io.strata.contract.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.contract.WireEnum;

/** Job types (API.md), with the names stored in events and shown by the API. */
public enum JobType implements WireEnum.Named {
    DATABASE_CREATE("database.create"),
    DATABASE_DELETE("database.delete"),
    CREDENTIALS_ROTATE("credentials.rotate");

    private final String wireName;

    JobType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static JobType of(String wireName) {
        return WireEnum.parse(JobType.class, wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
