package io.strata.engines;

import java.util.List;

/**
 * Rows hold JSON-friendly values: numbers, strings, booleans, null; dates and timestamps as ISO
 * strings; bytes as base64. For DML without a result set, columns and rows are empty and
 * {@code rowCount} is the update count.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, int rowCount, boolean truncated, long durationMs) {
    public record Column(String name, String type) {
    }
}
