package io.strata.engines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL to run as the tenant. {@code params} bind positionally to {@code ?} placeholders. The caller
 * decides defaults and maxima of {@code timeout} and {@code maxRows}; a missing or non-positive
 * value falls back to {@link #DEFAULT_TIMEOUT} / {@link #DEFAULT_MAX_ROWS}.
 */
public record QueryRequest(String query, List<Object> params, boolean readOnly, Duration timeout, int maxRows) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ROWS = 1_000;

    public QueryRequest {
        params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
    }

    public Duration effectiveTimeout() {
        return timeout != null && !timeout.isNegative() && !timeout.isZero() ? timeout : DEFAULT_TIMEOUT;
    }

    public int effectiveMaxRows() {
        return maxRows > 0 ? maxRows : DEFAULT_MAX_ROWS;
    }
}
