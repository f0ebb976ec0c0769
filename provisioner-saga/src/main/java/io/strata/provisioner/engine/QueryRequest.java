package io.strata.provisioner.engine;

import java.util.List;

/**
 * SQL to run as the tenant. {@code params} bind positionally to {@code ?} placeholders. The caller
 * decides defaults and maxima of {@code timeoutMs} and {@code maxRows}; a value &lt;= 0 falls back to
 * {@link #DEFAULT_TIMEOUT_MS} / {@link #DEFAULT_MAX_ROWS}.
 */
public record QueryRequest(String query, List<Object> params, boolean readOnly, int timeoutMs, int maxRows) {
    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_MAX_ROWS = 1_000;

    public QueryRequest {
        params = params == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }

    int effectiveTimeoutMs() {
        return timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
    }

    int effectiveMaxRows() {
        return maxRows > 0 ? maxRows : DEFAULT_MAX_ROWS;
    }
}
