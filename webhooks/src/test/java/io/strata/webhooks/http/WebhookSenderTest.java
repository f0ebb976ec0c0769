package io.strata.webhooks.http;

import io.strata.webhooks.WebhookProperties;
import io.strata.webhooks.endpoint.WebhookEndpoint;
import io.strata.webhooks.delivery.AttemptOutcomes;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.platform.net.WebhookTargets;
import io.strata.platform.secrets.SecretBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The sender against a real HTTP receiver on 127.0.0.1. */
class WebhookSenderTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
    private static final String OLD_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8,
            9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"webhook.test\"}";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final SecretBox box = new SecretBox(Base64.getEncoder().encodeToString(new byte[32]), Path.of("unused"));
    private final ConcurrentLinkedQueue<Map<String, List<String>>> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean bigWriteFailed = new AtomicBoolean();
    private HttpServer receiver;
    private int port;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", this::handle);
        receiver.start();
        port = receiver.getAddress().getPort();
    }

    @AfterEach
    void stopReceiver() {
        release.countDown();
        receiver.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        received.add(Map.of("webhook-id", List.of(exchange.getRequestHeaders().getFirst("webhook-id")),
                "webhook-timestamp", List.of(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                "webhook-signature", List.of(exchange.getRequestHeaders().getFirst("webhook-signature")),
                "user-agent", List.of(exchange.getRequestHeaders().getFirst("user-agent")),
                "content-type", List.of(exchange.getRequestHeaders().getFirst("content-type"))));
        switch (path) {
            case "/ok" -> respond(exchange, 200, "ok");
            case "/error" -> respond(exchange, 500, "boom");
            case "/gone" -> respond(exchange, 410, "");
            case "/redirect" -> {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/ok");
                respond(exchange, 302, "");
            }
            case "/busy" -> {
                exchange.getResponseHeaders().add("Retry-After", "7");
                respond(exchange, 429, "");
            }
            case "/slow" -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "late");
            }
            case "/big" -> {
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 1024; i++) { // 64 MiB: far more than any socket buffer
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    bigWriteFailed.set(true); // the sender hung up after its cap
                }
            }
            default -> respond(exchange, 404, "");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private WebhookSender sender(boolean allowPrivate) {
        return new WebhookSender(new WebhookTargets(allowPrivate), box, Clock.systemUTC(),
                new WebhookProperties(List.of(Duration.ofSeconds(5)), TIMEOUT, 4, 1024));
    }

    private WebhookEndpoint endpoint(String url) {
        return new WebhookEndpoint("wh_1", "org_1", url, List.of("webhook.test"), true, false, box.seal(SECRET, "wh_1"),
                null, null);
    }

    private HttpAttempt send(String path) {
        return sender(true).send(endpoint("http://127.0.0.1:" + port + path), "evt_1", BODY);
    }

    private static AttemptOutcomes.Decision decide(HttpAttempt attempt, Instant now) {
        return new AttemptOutcomes(List.of(Duration.ofSeconds(5)), () -> 0.5).decide(attempt, 0, now);
    }

    @Test
    void aTwoHundredIsDeliveredWithSignedStandardWebhookHeaders() throws Exception {
        HttpAttempt attempt = send("/ok");

        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.error()).isNull();
        assertThat(decide(attempt, Instant.now()).outcome()).isEqualTo("delivered");
        Map<String, List<String>> headers = received.remove();
        assertThat(headers.get("webhook-id")).containsExactly("evt_1");
        assertThat(Long.parseLong(headers.get("webhook-timestamp").get(0)))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        assertThat(headers.get("content-type").get(0)).startsWith("application/json");
        assertThat(headers.get("user-agent").get(0)).contains("Strata");
        new Webhook(SECRET).verify(BODY, headers);
    }

    @Test
    void aServerErrorIsRetried() {
        HttpAttempt attempt = send("/error");

        assertThat(attempt.statusCode()).isEqualTo(500);
        assertThat(attempt.error()).isEqualTo("HTTP 500");
        assertThat(decide(attempt, Instant.now()).outcome()).isEqualTo("retry");
    }

    @Test
    void goneIsGone() {
        assertThat(decide(send("/gone"), Instant.now()).outcome()).isEqualTo("gone");
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        HttpAttempt attempt = send("/redirect");

        assertThat(attempt.statusCode()).isEqualTo(302);
        assertThat(attempt.error()).contains("redirect not followed");
        assertThat(attempt.succeeded()).isFalse();
        assertThat(paths).containsExactly("/redirect");
    }

    @Test
    void tooManyRequestsRetriesAfterTheReceiversRetryAfter() {
        HttpAttempt attempt = send("/busy");
        Instant now = Instant.now();

        assertThat(attempt.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(decide(attempt, now)).isEqualTo(new AttemptOutcomes.Decision("retry", now.plusSeconds(7)));
    }

    @Test
    void aReceiverSlowerThanTheTimeoutIsAFailureWithAnError() {
        HttpAttempt attempt = send("/slow");

        assertThat(attempt.statusCode()).isNull();
        assertThat(attempt.error()).isNotBlank();
        assertThat(attempt.durationMs()).isLessThan(TIMEOUT.toMillis() + 2000);
        assertThat(decide(attempt, Instant.now()).outcome()).isEqualTo("retry");
    }

    @Test
    void onlyTheFirstBytesOfAResponseAreRead() {
        HttpAttempt attempt = send("/big");

        assertThat(attempt.statusCode()).isEqualTo(200);
        awaitTrue(bigWriteFailed::get, "the receiver sees the sender hang up after its cap");
    }

    @Test
    void duringARotationBothSecretsSign() throws Exception {
        WebhookEndpoint rotating = new WebhookEndpoint("wh_1", "org_1", "http://127.0.0.1:" + port + "/ok",
                List.of("webhook.test"), true, false, box.seal(SECRET, "wh_1"), box.seal(OLD_SECRET, "wh_1"),
                Instant.now().plus(Duration.ofHours(24)));

        sender(true).send(rotating, "evt_1", BODY);

        Map<String, List<String>> headers = received.remove();
        assertThat(headers.get("webhook-signature").get(0).split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(SECRET).verify(BODY, headers)).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(OLD_SECRET).verify(BODY, headers)).doesNotThrowAnyException();
    }

    @Test
    void afterTheRotationWindowOnlyTheNewSecretSigns() {
        WebhookEndpoint rotated = new WebhookEndpoint("wh_1", "org_1", "http://127.0.0.1:" + port + "/ok",
                List.of("webhook.test"), true, false, box.seal(SECRET, "wh_1"), box.seal(OLD_SECRET, "wh_1"),
                Instant.now().minusSeconds(1));

        sender(true).send(rotated, "evt_1", BODY);

        assertThat(received.remove().get("webhook-signature").get(0)).doesNotContain(" ");
    }

    @Test
    void nonPublicTargetsAreRefusedWithoutAnyConnection() {
        WebhookSender strict = sender(false);
        for (String url : List.of("http://127.0.0.1:" + port + "/ok", "http://10.0.0.1/",
                "http://169.254.169.254/latest/meta-data", "http://[::1]:" + port + "/ok",
                "http://localhost:" + port + "/ok")) {
            HttpAttempt attempt = strict.send(endpoint(url), "evt_1", BODY);

            assertThat(attempt.statusCode()).as(url).isNull();
            assertThat(attempt.error()).as(url).contains("non-public address");
        }
        assertThat(paths).isEmpty();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
