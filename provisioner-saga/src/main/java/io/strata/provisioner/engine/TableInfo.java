package io.strata.provisioner.engine;

public record TableInfo(String name, String schema, long rowEstimate) {
}
