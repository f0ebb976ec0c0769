package io.strata.contract.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.contract.WireEnum;

/** A delivery's state as the API shows it. */
public enum DeliveryState implements WireEnum.Named {
    PENDING("pending"),
    DELIVERED("delivered"),
    FAILED("failed");

    private final String wireName;

    DeliveryState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DeliveryState of(String wireName) {
        return WireEnum.parse(DeliveryState.class, wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
