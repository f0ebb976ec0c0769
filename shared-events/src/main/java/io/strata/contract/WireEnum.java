package io.strata.contract;

import java.util.Arrays;

/**
 * Helpers for the contract's enums, each of which has a permanent lower-case wire name (what the REST
 * API, the read tables and stored events carry). Parsing is strict: an unknown name is a bug or bad input.
 */
public final class WireEnum {
    private WireEnum() {
    }

    public interface Named {
        String wireName();
    }

    public static <E extends Enum<E> & Named> E parse(Class<E> type, String wireName) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + wireName));
    }
}
