/*
 * HTTP load generator for Strata's benchmarks (bench/throughput.sh drives it). Java 17, JDK only:
 *
 *   java bench/LoadGen.java --url http://127.0.0.1:8080/health --rate 500 --duration 10 --warmup 2
 *   java bench/LoadGen.java --method POST --url http://127.0.0.1:8080/v1/projects \
 *        --header 'Authorization: Bearer sk_…' --body '{"name": "p-{run}-{n}"}' --expect 201 \
 *        --concurrency 8 --duration 15 --warmup 5 --json out.json
 *
 * Two modes:
 *  - closed loop (--concurrency C): C users, each sends its next request when the previous one has
 *    answered. Throughput = answered requests / measured time. Latency = answer - send.
 *  - open loop, fixed rate (--rate R): request i is scheduled at t0 + i/R and sent then whether or not
 *    earlier requests have answered. Latency is measured from the SCHEDULED time, so a stalled server
 *    (or a late sender) shows up in the percentiles instead of being hidden (no coordinated omission).
 *    At most --max-in-flight requests are outstanding; a request due while that many are still
 *    outstanding is not sent and counts as an error ("shed"), so achieved throughput falls below the
 *    offered rate instead of the generator opening unbounded connections.
 *
 * Bounded: --duration seconds of measurement after --warmup seconds (warm-up samples are discarded),
 * at most --max-requests requests in total, each request times out after --timeout-ms, and the
 * outstanding requests are waited for at most --drain-ms after the end. Latencies are kept in a
 * preallocated array (sorted at the end; percentiles by nearest rank), so memory is bounded too.
 *
 * Body/URL templates: {n} becomes a per-run counter, {run} a random 8-hex run id (unique names).
 * Prints one human line and, with --json FILE, writes the result as JSON.
 */
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

public class LoadGen {
    // ---------------------------------------------------------------- options
    String method = "GET";
    String url;
    String body;
    final List<String[]> headers = new ArrayList<>();
    int concurrency = 0;          // closed loop when > 0
    double rate = 0;              // open loop when > 0
    double durationS = 10;
    double warmupS = 0;
    long maxRequests = 2_000_000;
    int timeoutMs = 10_000;
    int drainMs = 10_000;
    int maxInFlight = 1024;
    int threads = 2;
    final List<Integer> expect = new ArrayList<>();
    String jsonOut;
    String label = "";

    // ---------------------------------------------------------------- state
    final String run = String.format("%08x", ThreadLocalRandom.current().nextInt());
    final AtomicLong counter = new AtomicLong();
    long[] latNs;                  // measured successful latencies
    final AtomicInteger latCount = new AtomicInteger();
    final LongAdder ok = new LongAdder(), errors = new LongAdder(), shed = new LongAdder(), timeouts = new LongAdder(),
            warmupDone = new LongAdder(), sent = new LongAdder();
    final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong lastCompletion = new AtomicLong();
    volatile long measureStart, measureEnd;   // System.nanoTime bounds of the measured window
    HttpClient client;
    ExecutorService executor;

    public static void main(String[] args) throws Exception {
        LoadGen g = new LoadGen();
        g.parse(args);
        System.exit(g.runAll());
    }

    void parse(String[] a) {
        for (int i = 0; i < a.length; i++) {
            String k = a[i];
            String v = i + 1 < a.length ? a[i + 1] : null;
            switch (k) {
                case "--method" -> method = a[++i];
                case "--url" -> url = a[++i];
                case "--body" -> body = a[++i];
                case "--header" -> {
                    String h = a[++i];
                    int c = h.indexOf(':');
                    headers.add(new String[]{h.substring(0, c).trim(), h.substring(c + 1).trim()});
                }
                case "--concurrency" -> concurrency = Integer.parseInt(a[++i]);
                case "--rate" -> rate = Double.parseDouble(a[++i]);
                case "--duration" -> durationS = Double.parseDouble(a[++i]);
                case "--warmup" -> warmupS = Double.parseDouble(a[++i]);
                case "--max-requests" -> maxRequests = Long.parseLong(a[++i]);
                case "--timeout-ms" -> timeoutMs = Integer.parseInt(a[++i]);
                case "--drain-ms" -> drainMs = Integer.parseInt(a[++i]);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(a[++i]);
                case "--threads" -> threads = Integer.parseInt(a[++i]);
                case "--expect" -> { for (String s : a[++i].split(",")) expect.add(Integer.parseInt(s.trim())); }
                case "--json" -> jsonOut = a[++i];
                case "--label" -> label = a[++i];
                default -> die("unknown option " + k + (v == null ? "" : ""));
            }
        }
        if (url == null) die("--url is required");
        if ((concurrency > 0) == (rate > 0)) die("exactly one of --concurrency N (closed loop) or --rate R (open loop)");
        if (durationS <= 0 || durationS > 600 || warmupS < 0 || warmupS > 300) die("--duration in (0, 600], --warmup in [0, 300]");
        if (expect.isEmpty()) expect.add(method.equals("POST") ? 201 : 200);
        // Bounded memory: one slot per request that can possibly be measured.
        long cap = Math.min(maxRequests, rate > 0 ? (long) Math.ceil(rate * (durationS + warmupS)) + 16 : maxRequests);
        latNs = new long[(int) Math.min(cap, 20_000_000)];
    }

    static void die(String msg) {
        System.err.println("LoadGen: " + msg);
        System.exit(2);
    }

    HttpRequest request() {
        long n = counter.incrementAndGet();
        String u = url.replace("{n}", Long.toString(n)).replace("{run}", run);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofMillis(timeoutMs));
        for (String[] h : headers) b.header(h[0], h[1]);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body.replace("{n}", Long.toString(n)).replace("{run}", run)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /** Records one answer; {@code origin} is the send time (closed) or the scheduled time (open). */
    void complete(long origin, HttpResponse<?> r, Throwable e) {
        long now = System.nanoTime();
        inFlight.decrementAndGet();
        lastCompletion.accumulateAndGet(now, Math::max);
        String key;
        boolean good = false;
        if (e != null) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            key = c.getClass().getSimpleName();
            if (c instanceof java.net.http.HttpTimeoutException) timeouts.increment();
        } else {
            key = Integer.toString(r.statusCode());
            good = expect.contains(r.statusCode());
        }
        if (origin < measureStart) {   // a warm-up request
            warmupDone.increment();
            return;
        }
        statuses.computeIfAbsent(key, x -> new LongAdder()).increment();
        if (good) {
            ok.increment();
            int i = latCount.getAndIncrement();
            if (i < latNs.length) latNs[i] = now - origin;
        } else {
            errors.increment();
        }
    }

    int runAll() throws Exception {
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loadgen");
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofMillis(timeoutMs)).build();
        long t0 = System.nanoTime();
        measureStart = t0 + (long) (warmupS * 1e9);
        measureEnd = measureStart + (long) (durationS * 1e9);
        if (concurrency > 0) closedLoop(t0); else openLoop(t0);
        // Drain: wait for outstanding answers, bounded.
        long drainUntil = System.nanoTime() + drainMs * 1_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) Thread.sleep(5);
        int unanswered = inFlight.get();
        report(unanswered);
        executor.shutdownNow();
        return 0;
    }

    void closedLoop(long t0) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int u = 0; u < concurrency; u++) next(done);
        done.await(timeoutMs + (long) ((warmupS + durationS) * 1000) + 5_000, TimeUnit.MILLISECONDS);
    }

    void next(CountDownLatch done) {
        long now = System.nanoTime();
        if (now >= measureEnd || sent.sum() >= maxRequests) {
            done.countDown();
            return;
        }
        sent.increment();
        inFlight.incrementAndGet();
        client.sendAsync(request(), HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((r, e) -> {
                    complete(now, r, e);
                    next(done);
                }, executor);
    }

    void openLoop(long t0) {
        double intervalNs = 1e9 / rate;
        for (long i = 0; ; i++) {
            long scheduled = t0 + (long) (i * intervalNs);
            if (scheduled >= measureEnd || i >= maxRequests) break;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            if (inFlight.get() >= maxInFlight) {       // cannot send without unbounded connections: shed
                if (scheduled >= measureStart) {
                    shed.increment();
                    errors.increment();
                    statuses.computeIfAbsent("shed", x -> new LongAdder()).increment();
                }
                continue;
            }
            sent.increment();
            inFlight.incrementAndGet();
            final long origin = scheduled;
            client.sendAsync(request(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> complete(origin, r, e));
        }
    }

    static double pct(long[] sorted, int n, double p) {
        if (n == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }

    void report(int unanswered) throws IOException {
        int n = Math.min(latCount.get(), latNs.length);
        long[] lat = Arrays.copyOf(latNs, n);
        Arrays.sort(lat);
        double windowS = durationS;
        double throughput;
        if (rate > 0) {
            // Achieved: good answers to requests scheduled in the window, over the time from the window's
            // start to the last answer (at least the window): a server that falls behind stretches it.
            long last = Math.max(lastCompletion.get(), measureEnd);
            windowS = (last - measureStart) / 1e9;
        }
        throughput = ok.sum() / windowS;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label);
        out.put("mode", rate > 0 ? "open" : "closed");
        out.put("method", method);
        out.put("url", url);
        if (rate > 0) out.put("offeredRate", rate); else out.put("concurrency", concurrency);
        out.put("warmupS", warmupS);
        out.put("durationS", durationS);
        out.put("windowS", round(windowS));
        out.put("ok", ok.sum());
        out.put("errors", errors.sum());
        out.put("shed", shed.sum());
        out.put("timeouts", timeouts.sum());
        out.put("unansweredAtEnd", unanswered);
        out.put("warmupRequests", warmupDone.sum());
        out.put("throughput", round(throughput));
        Map<String, Object> l = new LinkedHashMap<>();
        for (double p : new double[]{50, 90, 99, 99.9}) l.put("p" + (p == 99.9 ? "99_9" : Integer.toString((int) p)), round(pct(lat, n, p)));
        l.put("max", round(n == 0 ? Double.NaN : lat[n - 1] / 1e6));
        l.put("mean", round(n == 0 ? Double.NaN : Arrays.stream(lat).average().orElse(0) / 1e6));
        out.put("latencyMs", l);
        Map<String, Long> st = new TreeMap<>();
        statuses.forEach((k, v) -> st.put(k, v.sum()));
        out.put("statuses", st);
        String human = String.format(Locale.ROOT,
                "%s %s %s: %.1f req/s ok=%d err=%d%s | p50 %.2f ms p90 %.2f ms p99 %.2f ms max %.2f ms | statuses %s",
                label.isEmpty() ? "" : label + ":", rate > 0 ? String.format(Locale.ROOT, "open rate %.0f/s", rate) : "closed c=" + concurrency,
                method + " " + url, throughput, ok.sum(), errors.sum(),
                shed.sum() > 0 ? " (shed " + shed.sum() + ")" : "",
                pct(lat, n, 50), pct(lat, n, 90), pct(lat, n, 99), n == 0 ? Double.NaN : lat[n - 1] / 1e6, st);
        System.out.println(human.trim());
        if (jsonOut != null) Files.writeString(Path.of(jsonOut), toJson(out) + "\n");
    }

    static Object round(double d) {
        return Double.isNaN(d) ? null : Math.round(d * 1000) / 1000.0;
    }

    static String toJson(Object o) {
        if (o == null) return "null";
        if (o instanceof Number || o instanceof Boolean) return o.toString();
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(toJson(k.toString())).append(": ").append(toJson(v)));
            return b.append('}').toString();
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
