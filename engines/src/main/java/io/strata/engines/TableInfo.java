package io.strata.engines;

public record TableInfo(String name, String schema, long rowEstimate) {
}
