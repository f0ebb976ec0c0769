package io.strata.webhooks.http;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code webhook-signature} header (Standard Webhooks, through its reference library):
 * {@code v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">}, one per secret, space-separated,
 * newest secret first (during a rotation a receiver may know either).
 */
public final class WebhookSigner {
    private WebhookSigner() {
    }

    /** @param secrets {@code whsec_…} secrets, newest first */
    public static String signatures(List<String> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> sign(secret, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            return new Webhook(secret).sign(messageId, timestampSeconds, body);
        } catch (WebhookSigningException e) {
            // The library's message never contains the key; ours names no secret either.
            throw new IllegalStateException("cannot sign webhook " + messageId);
        }
    }
}
