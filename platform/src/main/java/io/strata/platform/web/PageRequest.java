package io.strata.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Cursor paging over a stable sort key: the store position of the event that created each row.
 * Positions survive a replay unchanged, so a cursor handed out before a rebuild still works after it.
 */
public record PageRequest(int limit, long after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(l, decode(cursor));
    }

    /** Fetch one row more than the limit to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }

    public <T> Envelopes.Page<T> page(List<T> rows, ToLongFunction<T> position) {
        if (rows.size() <= limit) {
            return new Envelopes.Page<>(rows, new Envelopes.PageMeta(null));
        }
        List<T> page = rows.subList(0, limit);
        return new Envelopes.Page<>(List.copyOf(page),
                new Envelopes.PageMeta(encode(position.applyAsLong(page.get(limit - 1)))));
    }

    /** {@link #page(List, ToLongFunction)}, each row of the page shown as {@code view} makes it. */
    public <T, R> Envelopes.Page<R> page(List<T> rows, ToLongFunction<T> position, Function<T, R> view) {
        Envelopes.Page<T> page = page(rows, position);
        return new Envelopes.Page<>(page.data().stream().map(view).toList(), page.meta());
    }

    static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p" + position).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return -1;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("p")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(raw.substring(1));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_cursor", "cursor is not one this API handed out");
        }
    }
}
