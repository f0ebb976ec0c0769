package io.strata.contract.database;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.contract.WireEnum;

/** A database's status as the API shows it. */
public enum DatabaseStatus implements WireEnum.Named {
    PROVISIONING("provisioning"),
    READY("ready"),
    FAILED("failed"),
    DELETING("deleting"),
    DELETED("deleted");

    private final String wireName;

    DatabaseStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DatabaseStatus of(String wireName) {
        return WireEnum.parse(DatabaseStatus.class, wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
