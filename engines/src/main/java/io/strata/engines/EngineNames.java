package io.strata.engines;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one place names on an engine come from: {@code "s_" + first 24 hex chars of SHA-256(databaseId)},
 * used as database, role/user and file name. Derived, never user input, so no identifier injection.
 */
public final class EngineNames {
    public static final Pattern PATTERN = Pattern.compile("s_[0-9a-f]{24}");

    private EngineNames() {
    }

    public static String of(String databaseId) {
        if (databaseId == null || databaseId.isBlank()) {
            throw new IllegalArgumentException("databaseId is required");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(databaseId.getBytes(StandardCharsets.UTF_8));
            return "s_" + HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Double-quoted identifier (PostgreSQL, SQLite). */
    public static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Backtick-quoted identifier (MariaDB). */
    public static String quoteBacktick(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
