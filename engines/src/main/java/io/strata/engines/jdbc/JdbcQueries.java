package io.strata.engines.jdbc;

import io.strata.engines.EngineException;
import io.strata.engines.QueryRequest;
import io.strata.engines.QueryResult;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Runs one tenant statement on an open connection and turns the result into JSON-friendly values. */
final class JdbcQueries {
    private JdbcQueries() {
    }

    /** Binds params positionally (count checked against the statement), executes, caps rows. */
    static QueryResult execute(Connection connection, QueryRequest request, long started) throws SQLException, EngineException {
        int maxRows = request.effectiveMaxRows();
        try (PreparedStatement ps = connection.prepareStatement(request.query())) {
            int expected = ps.getParameterMetaData().getParameterCount();
            int given = request.params().size();
            if (expected != given) {
                throw new EngineException(EngineException.QUERY_ERROR, "the statement has " + expected
                        + " parameter placeholder(s) but " + given + " parameter(s) were given", false);
            }
            for (int i = 0; i < given; i++) {
                ps.setObject(i + 1, request.params().get(i));
            }
            ps.setQueryTimeout(DriverProperties.wholeSeconds(request.effectiveTimeout()));
            if (maxRows < Integer.MAX_VALUE) {
                ps.setMaxRows(maxRows + 1);
            }
            boolean hasResultSet = ps.execute();
            if (!hasResultSet) {
                long count = Math.max(0, ps.getUpdateCount());
                return new QueryResult(List.of(), List.of(), (int) Math.min(Integer.MAX_VALUE, count), false,
                        elapsed(started));
            }
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<QueryResult.Column> columns = new ArrayList<>(n);
                for (int c = 1; c <= n; c++) {
                    columns.add(new QueryResult.Column(md.getColumnLabel(c), md.getColumnTypeName(c)));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(n);
                    for (int c = 1; c <= n; c++) {
                        row.add(value(rs, c, columns.get(c - 1).type()));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, rows.size(), truncated, elapsed(started));
            }
        }
    }

    static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    static Object value(ResultSet rs, int column, String typeName) throws SQLException {
        String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (type.equals("timestamptz") || type.equals("timestamp with time zone")) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toString();
        }
        return json(rs.getObject(column));
    }

    static Object json(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof BigDecimal || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d;
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : f.doubleValue();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof Time t) {
            return t.toLocalTime().toString();
        }
        if (v instanceof TemporalAccessor) {
            return v.toString();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof Blob blob) {
            try {
                return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) Math.min(Integer.MAX_VALUE, blob.length())));
            } finally {
                blob.free();
            }
        }
        if (v instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
            } finally {
                clob.free();
            }
        }
        if (v instanceof Array array) {
            try {
                Object elements = array.getArray();
                List<Object> out = new ArrayList<>();
                int length = elements == null ? 0 : java.lang.reflect.Array.getLength(elements); // Object[] or primitives
                for (int i = 0; i < length; i++) {
                    out.add(json(java.lang.reflect.Array.get(elements, i)));
                }
                return out;
            } finally {
                array.free();
            }
        }
        return v.toString();
    }
}
