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

    private static final long LOCAL_POLL_NANOS = 1_000_000;

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
        // The in-memory check runs every millisecond; the full one (reading the shared token table, for
        // segments another replica owns) backs off from 1 ms to 20 ms. Polling the table every millisecond
        // would cost a query per waiting request per millisecond; polling only it every 20 ms added up to
        // 20 ms to every read-your-writes wait (the write-to-read benchmark's p99 showed it).
        long nextFullCheck = now;
        long fullPause = 1_000_000;
        while (now < deadline) {
            if (models.stream().allMatch(m -> m.hasProcessedLocally(position))) {
                break;
            }
            if (now >= nextFullCheck) {
                if (models.stream().allMatch(m -> m.hasProcessed(position))) {
                    break;
                }
                nextFullCheck = System.nanoTime() + fullPause;
                fullPause = Math.min(fullPause * 2, 20_000_000);
            }
            LockSupport.parkNanos(LOCAL_POLL_NANOS);
            now = System.nanoTime();
        }
        return true;
    }
}
