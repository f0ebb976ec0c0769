package io.strata.contract.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.contract.WireEnum;

/** What one delivery attempt came to: delivered, retry later, failed for good, or gone (410: the endpoint is disabled). */
public enum DeliveryOutcome implements WireEnum.Named {
    DELIVERED("delivered"),
    RETRY("retry"),
    FAILED("failed"),
    GONE("gone");

    private final String wireName;

    DeliveryOutcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DeliveryOutcome of(String wireName) {
        return WireEnum.parse(DeliveryOutcome.class, wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
