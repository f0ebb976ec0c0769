package io.strata.engines;

import java.util.List;

/** An engine as {@code GET /v1/engines} reports it. */
public record EngineStatus(String id, String name, List<String> versions, boolean available) {
}
