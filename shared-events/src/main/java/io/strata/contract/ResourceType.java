package io.strata.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The resource types of the API, with the names the audit log and history use on the wire. */
public enum ResourceType implements WireEnum.Named {
    ORGANIZATION("organization"),
    API_KEY("api_key"),
    PROJECT("project"),
    DATABASE("database"),
    JOB("job"),
    WEBHOOK("webhook"),
    DELIVERY("delivery");

    private final String wireName;

    ResourceType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ResourceType of(String wireName) {
        return WireEnum.parse(ResourceType.class, wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
