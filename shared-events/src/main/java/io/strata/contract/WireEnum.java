package io.strata.contract;

import java.util.Arrays;
import java.util.List;

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

    /** Every wire name of the enum, in declaration order (e.g. what a filter parameter accepts). */
    public static <E extends Enum<E> & Named> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::wireName).toList();
    }

    public static <E extends Enum<E> & Named> E parse(Class<E> type, String wireName) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + wireName));
    }
}
