package io.strata.webhooks.http;

import io.strata.webhooks.WebhookProperties;
import io.strata.webhooks.endpoint.WebhookEndpoint;

import io.strata.platform.net.WebhookTargets;
import io.strata.platform.secrets.SecretBox;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one signed webhook attempt. One pooled client for all endpoints: no proxy, no redirects,
 * no automatic retries (the schedule retries), DNS through the target policy, and a watchdog that
 * aborts the exchange at the timeout, so an attempt never takes longer whatever the receiver does
 * (trickling bytes included). Only the first bytes of a response are read; the rest is discarded.
 */
@Component
public class WebhookSender implements DisposableBean {
    static final String USER_AGENT = "Strata-Webhooks/1.0 (+https://strata.io)";
    private static final int MAX_ERROR_LENGTH = 300;

    private final SecretBox secrets;
    private final Clock clock;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-timeouts");
        t.setDaemon(true);
        return t;
    });

    public WebhookSender(WebhookTargets targets, SecretBox secrets, Clock clock, WebhookProperties properties) {
        this.secrets = secrets;
        this.clock = clock;
        this.timeout = properties.timeout();
        this.maxResponseBytes = properties.maxResponseBytes();
        Timeout bound = Timeout.of(timeout);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new TargetDnsResolver(targets))
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(bound).setSocketTimeout(bound)
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(Math.max(1, properties.maxInFlightPerEndpoint()))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(bound)
                        .setResponseTimeout(bound).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
    }

    public HttpAttempt send(WebhookEndpoint endpoint, String eventId, String body) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        HttpPost post;
        try {
            post = new HttpPost(endpoint.url());
        } catch (IllegalArgumentException e) {
            return new HttpAttempt(at, null, 0, "invalid url", null);
        }
        long timestamp = at.getEpochSecond();
        post.setHeader("webhook-id", eventId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", WebhookSigner.signatures(secretsOf(endpoint, at), eventId, timestamp, body));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort = watchdog.schedule(() -> {
            timedOut.set(true);
            post.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(RoutingSupport.determineHost(post), post, null);
            int status = response.getCode();
            Duration retryAfter = retryAfter(response, clock.instant());
            try {
                readCapped(response.getEntity(), post);
            } finally {
                closeQuietly(response);
            }
            if (timedOut.get()) {
                return new HttpAttempt(at, null, elapsedMs(started), timedOutError(), null);
            }
            return new HttpAttempt(at, status, elapsedMs(started), statusError(status), retryAfter);
        } catch (Exception e) {
            return new HttpAttempt(at, null, elapsedMs(started), timedOut.get() ? timedOutError() : describe(e), null);
        } finally {
            abort.cancel(false);
        }
    }

    private String timedOutError() {
        return "timed out after " + timeout.toMillis() + " ms";
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // an aborted exchange may complain on close; the connection is gone either way
        }
    }

    /** Newest first; the previous one too while a rotation is in progress. */
    private List<String> secretsOf(WebhookEndpoint endpoint, Instant now) {
        List<String> list = new ArrayList<>(2);
        list.add(secrets.open(endpoint.sealedSecret(), endpoint.id()));
        if (endpoint.rotating(now)) {
            list.add(secrets.open(endpoint.sealedPreviousSecret(), endpoint.id()));
        }
        return list;
    }

    /**
     * Reads at most the cap. Closing a stream with bytes left would read them all (to reuse the
     * connection), so a longer response aborts the exchange instead: that connection is dropped.
     */
    private void readCapped(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return;
        }
        InputStream in = entity.getContent();
        in.readNBytes(maxResponseBytes);
        if (in.read() != -1) {
            post.cancel();
        } else {
            in.close();
        }
    }

    private static String statusError(int status) {
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status >= 300 && status < 400) {
            return "redirect not followed (HTTP " + status + ")";
        }
        return "HTTP " + status;
    }

    static Duration retryAfter(ClassicHttpResponse response, Instant now) {
        Header header = response.getFirstHeader("Retry-After");
        return header == null ? null : RetryAfter.parse(header.getValue(), now);
    }

    /** The exception's kind and message: names hosts and addresses at most, never a header or a secret. */
    private static String describe(Exception e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void destroy() throws IOException {
        watchdog.shutdownNow();
        client.close();
    }
}
