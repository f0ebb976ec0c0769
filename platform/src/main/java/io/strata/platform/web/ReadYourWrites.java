package io.strata.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A request carrying {@code X-Strata-Min-Position: N} (a GET, or SQL over HTTP) waits (up to a bound) until every read model of
 * this process has processed event N, so a client reads its own writes.
 */
@Component
public class ReadYourWrites implements HandlerInterceptor {
    public static final String MIN_POSITION = "X-Strata-Min-Position";
    public static final String POSITION = "X-Strata-Position";

    private static final long LOCAL_FIRST_POLL = 1_000_000;
    private static final long LOCAL_MAX_POLL = 8_000_000;
    private static final long FULL_FIRST_POLL = 2_000_000;
    private static final long FULL_MAX_POLL = 20_000_000;

    private final ObjectProvider<ReadModelProgress> readModels;
    private final Duration maxWait;

    public ReadYourWrites(ObjectProvider<ReadModelProgress> readModels,
                          @Value("${strata.read-your-writes.max-wait:2s}") Duration maxWait) {
        this.readModels = readModels;
        this.maxWait = maxWait;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(MIN_POSITION);
        // Reads, and the data plane's POST /query, which reads provisioner-saga's view of databases.
        if (header == null || !(handler instanceof HandlerMethod)) {
            return true;
        }
        long position;
        try {
            position = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_position", MIN_POSITION + " must be a store position (an integer)");
        }
        List<ReadModelProgress> models = readModels.orderedStream().toList();
        long now = System.nanoTime();
        long deadline = now + maxWait.toNanos();
        // Two checks, each polled with its own backoff: the in-memory one (this JVM's processors) from 1 ms
        // to 8 ms, the full one (the shared token table, for segments another replica owns) from 2 ms to
        // 20 ms. Most waits end within a few milliseconds, so the first polls are what count; the backoff
        // keeps many long waits (an overloaded process) from burning the CPU the processors need to catch
        // up: polling every millisecond without it made an overloaded process collapse in the benchmark.
        long localPause = LOCAL_FIRST_POLL;
        long nextFullCheck = now + FULL_FIRST_POLL;
        long fullPause = FULL_FIRST_POLL;
        while (now < deadline) {
            if (models.stream().allMatch(m -> m.hasProcessedLocally(position))) {
                break;
            }
            if (now >= nextFullCheck) {
                if (models.stream().allMatch(m -> m.hasProcessed(position))) {
                    break;
                }
                fullPause = Math.min(fullPause * 2, FULL_MAX_POLL);
                nextFullCheck = System.nanoTime() + fullPause;
            }
            LockSupport.parkNanos(Math.min(localPause, Math.max(0, nextFullCheck - now)));
            localPause = Math.min(localPause * 2, LOCAL_MAX_POLL);
            now = System.nanoTime();
        }
        return true;
    }
}
