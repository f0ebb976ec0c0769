package io.strata.webhooks.http;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class WebhookSignerTest {
    // The Standard Webhooks specification's published test vector (secret, id, timestamp, payload and
    // signature), not a secret of anyone's: signing must reproduce the specification's own result.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String PAYLOAD = "{\"test\": 2432232314}";

    @Test
    void signsThePublishedStandardWebhooksTestVector() {
        assertThat(WebhookSigner.sign(SECRET, MSG_ID, 1614265330L, PAYLOAD))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringARotationBothSignaturesAreSentNewestFirstAndEachVerifies() throws Exception {
        String old = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
        long now = System.currentTimeMillis() / 1000;
        String header = WebhookSigner.signatures(List.of(SECRET, old), MSG_ID, now, PAYLOAD);

        assertThat(header.split(" ")).hasSize(2);
        assertThat(header).startsWith(WebhookSigner.sign(SECRET, MSG_ID, now, PAYLOAD) + " ");
        Map<String, List<String>> headers = Map.of("webhook-id", List.of(MSG_ID),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(header));
        assertThatCode(() -> new Webhook(SECRET).verify(PAYLOAD, headers)).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(old).verify(PAYLOAD, headers)).doesNotThrowAnyException();
    }
}
