package io.strata.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evident chain over an organization's events: each link is SHA-256 of the previous
 * link, the event's id, its payload type and the exact stored bytes of its payload and metadata.
 * Changing, removing or reordering any stored event changes every link from it on.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String link(String previous, String eventId, String payloadType, byte[] payload, byte[] metadata) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.US_ASCII));
            field(sha, eventId.getBytes(StandardCharsets.UTF_8));
            field(sha, payloadType.getBytes(StandardCharsets.UTF_8));
            field(sha, payload == null ? new byte[0] : payload);
            field(sha, metadata == null ? new byte[0] : metadata);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed, so no two different field sequences hash alike. */
    private static void field(MessageDigest sha, byte[] bytes) {
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
    }
}
