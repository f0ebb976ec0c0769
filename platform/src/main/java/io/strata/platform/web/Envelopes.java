package io.strata.platform.web;

import java.util.List;

/** The response shapes of API.md: {@code {"data": ...}} and {@code {"data": [...], "meta": {"nextCursor": ...}}}. */
public final class Envelopes {
    private Envelopes() {
    }

    public record Data<T>(T data) {
    }

    public record Page<T>(List<T> data, PageMeta meta) {
        public Page {
            data = data == null ? List.of() : data;
        }
    }

    public record PageMeta(String nextCursor) {
    }

    public record ErrorBody(Error error) {
    }

    public record Error(String code, String message) {
    }

    public static <T> Data<T> data(T value) {
        return new Data<>(value);
    }
}
