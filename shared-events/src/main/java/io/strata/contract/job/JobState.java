package io.strata.contract.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.contract.WireEnum;

/** A job's state as the API shows it: queued until provisioner-saga starts it, running, then completed or failed. */
public enum JobState implements WireEnum.Named {
    QUEUED("queued"),
    RUNNING("running"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wireName;

    JobState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static JobState of(String wireName) {
        return WireEnum.parse(JobState.class, wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
