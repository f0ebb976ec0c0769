package io.strata.webhooks.fanout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived from the source event, so that a source event handled twice (at-least-once
 * processors, replays) yields the same delivery and the same {@code webhook-id}.
 */
public final class WebhookIds {
    private WebhookIds() {
    }

    /** The {@code webhook-id} and body {@code id}: the same for every endpoint, retry and redelivery. */
    public static String eventId(String sourceEventIdentifier) {
        return "evt_" + sha256Hex(sourceEventIdentifier).substring(0, 20);
    }

    public static String deliveryId(String sourceEventIdentifier, String webhookId) {
        return "dlv_" + sha256Hex(sourceEventIdentifier + webhookId).substring(0, 20);
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
