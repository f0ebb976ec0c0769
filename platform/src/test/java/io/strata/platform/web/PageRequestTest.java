package io.strata.platform.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void defaultsToFiftyFromTheStart() {
        PageRequest page = PageRequest.of(null, null);
        assertThat(page.limit()).isEqualTo(50).isEqualTo(PageRequest.DEFAULT_LIMIT);
        assertThat(page.after()).isEqualTo(-1);
        assertThat(page.fetchSize()).isEqualTo(51);
        assertThat(PageRequest.of(null, "").after()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 499, 500})
    void acceptsLimitsFromOneTo500(int limit) {
        assertThat(PageRequest.of(limit, null).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 501, Integer.MAX_VALUE})
    void refusesLimitsOutsideOneTo500(int limit) {
        assertThatThrownBy(() -> PageRequest.of(limit, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_limit");
                });
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 1_000_000_007L, Long.MAX_VALUE})
    void aCursorRoundTrips(long position) {
        String cursor = PageRequest.encode(position);
        assertThat(cursor).doesNotContain("=", "+", "/");
        assertThat(PageRequest.of(10, cursor).after()).isEqualTo(position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "%%%", "p12", "cDEy=x", "not a cursor"})
    void aGarbageCursorIsInvalid(String cursor) {
        assertInvalidCursor(cursor);
    }

    @Test
    void aWellFormedButForeignCursorIsInvalid() {
        assertInvalidCursor(base64("x12"));   // wrong marker
        assertInvalidCursor(base64("pabc"));  // not a number
        assertInvalidCursor(base64("p"));     // no number at all
        assertInvalidCursor(base64("p1.5"));
    }

    private static void assertInvalidCursor(String cursor) {
        assertThatThrownBy(() -> PageRequest.of(null, cursor))
                .as(cursor)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_cursor");
                });
    }

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> positions(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void noNextCursorWhenAllRowsFit() {
        PageRequest request = PageRequest.of(3, null);
        assertThat(request.page(positions(1, 3), Long::longValue).meta().nextCursor()).isNull();
        assertThat(request.page(positions(1, 2), Long::longValue).meta().nextCursor()).isNull();
        Envelopes.Page<Long> empty = request.page(List.of(), Long::longValue);
        assertThat(empty.data()).isEmpty();
        assertThat(empty.meta().nextCursor()).isNull();
    }

    @Test
    void aNextCursorPointsAfterTheLastRowShownWhenThereAreMoreRows() {
        PageRequest request = PageRequest.of(3, null);
        // The query fetched limit + 1 rows: the extra row only tells that there is a next page.
        List<Long> fetched = List.of(10L, 20L, 30L, 40L);
        assertThat(fetched).hasSize(request.fetchSize());
        Envelopes.Page<Long> page = request.page(fetched, Long::longValue);
        assertThat(page.data()).containsExactly(10L, 20L, 30L);
        String next = page.meta().nextCursor();
        assertThat(next).isNotNull();
        PageRequest following = PageRequest.of(3, next);
        assertThat(following.after()).isEqualTo(30L);
        assertThat(following.limit()).isEqualTo(3);
    }
}
