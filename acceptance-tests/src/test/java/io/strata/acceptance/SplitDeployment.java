package io.strata.acceptance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The split deployment on this machine: command-service, query-service and provisioner-saga as three
 * {@code java -jar} child processes on free ports, and nginx with the repository's gateway template in
 * front of them. Every process logs to a file under the work directory; {@link #close()} stops them all.
 */
final class SplitDeployment implements AutoCloseable {
    /** One child process and where its output goes. */
    record Child(String name, Process process, Path log, int port) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path repository;
    private final Path workDir;
    private final List<Child> children = new ArrayList<>();
    /** Processes that were killed or stopped and replaced: their logs are still part of a failure report. */
    private final List<Child> retired = new ArrayList<>();
    private String datasourceUrl;
    private String user;
    private String password;
    private String adminToken;
    private final Thread killOnExit = new Thread(this::close, "split-deployment-shutdown");

    Child command;
    Child query;
    Child provisioner;
    Child gateway;

    SplitDeployment(Path repository, Path workDir) {
        this.repository = repository.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        // Also when the test JVM is stopped from outside (Ctrl-C on Maven): no orphaned servers.
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * A deployment on the repository the build names ({@code strata.repository}) in its work directory
     * ({@code strata.acceptance.work-dir}), or in {@code subdirectory} below it.
     */
    static SplitDeployment inWorkDir(String... subdirectory) {
        Path repository = Path.of(System.getProperty("strata.repository", ".."));
        Path workDir = Path.of(System.getProperty("strata.acceptance.work-dir", "target/split"), subdirectory);
        return new SplitDeployment(repository, workDir);
    }

    /** The nginx binary; skips the calling test class when nginx is not installed. */
    static Path requireNginx() {
        Path nginx = findNginx().orElse(null);
        assumeTrue(nginx != null, "nginx is not installed, so the split deployment cannot run behind its gateway: "
                + "run .ci/ensure-nginx.sh (CI does) to enable this test");
        return nginx;
    }

    /** The nginx binary, from the PATH or Debian's /usr/sbin; empty when nginx is not installed. */
    static Optional<Path> findNginx() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/sbin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "nginx"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts the three services on the given database and the gateway, without waiting for them: they
     * start in parallel, as they would in docker-compose.
     */
    void start(Path nginx, String datasourceUrl, String user, String password, String adminToken) throws IOException {
        start(nginx, datasourceUrl, user, password, adminToken, Map.of());
    }

    /**
     * As {@link #start(Path, String, String, String, String)}, with extra command-line arguments per module
     * (e.g. {@code "provisioner-saga" -> ["--strata.jobs.retry-base-delay=3s"]}); they come last, so they win.
     */
    void start(Path nginx, String datasourceUrl, String user, String password, String adminToken,
               Map<String, List<String>> extraArgs) throws IOException {
        this.datasourceUrl = datasourceUrl;
        this.user = user;
        this.password = password;
        this.adminToken = adminToken;
        Files.createDirectories(workDir);
        int[] ports = freePorts(4);
        command = startService("command-service", ports[0], extraArgs.getOrDefault("command-service", List.of()));
        query = startService("query-service", ports[1], extraArgs.getOrDefault("query-service", List.of()));
        provisioner = startService("provisioner-saga", ports[2], extraArgs.getOrDefault("provisioner-saga", List.of()));
        gateway = startGateway(nginx, ports[3]);
    }

    private Child startService(String module, int port, List<String> extraArgs) throws IOException {
        Path jar = repository.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the module must be packaged before the acceptance tests");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + datasourceUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--strata.admin-token=" + adminToken,
                "--strata.api-keys.last-used-flush-interval=200ms",
                "--strata.engines.sqlite.data-dir=" + workDir.resolve("sqlite")));
        command.addAll(extraArgs);
        return launch(module, port, new ProcessBuilder(command));
    }

    /**
     * SIGKILL: the JVM of {@code child} dies at once, with no shutdown hook, no graceful shutdown of
     * its processors, no released token claims; what it had not committed is lost, as in a crash.
     * The child is the {@code java} process itself (started without a shell or launcher script), so
     * the signal reaches the JVM, not a wrapper around it. Returns once the process is gone.
     */
    void kill(Child child) throws InterruptedException {
        requireJvm(child);
        child.process().destroyForcibly();
        if (!child.process().waitFor(15, TimeUnit.SECONDS)) {
            throw new IllegalStateException(child.name() + " (pid " + child.process().pid() + ") survived SIGKILL for 15 s");
        }
        retire(child);
    }

    /** SIGTERM and wait: a graceful stop (Spring's shutdown hooks run, claims are released). */
    void stop(Child child) throws InterruptedException {
        child.process().destroy();
        if (!child.process().waitFor(30, TimeUnit.SECONDS)) {
            child.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        retire(child);
    }

    /**
     * Starts provisioner-saga again on the port it had (the gateway's upstream), with the common
     * arguments plus {@code extraArgs}, logging to a new file. The previous process must be gone
     * ({@link #kill} or {@link #stop}). Does not wait: use {@link #awaitHealthy}.
     */
    Child restartProvisioner(List<String> extraArgs) throws IOException {
        if (provisioner.process().isAlive()) {
            throw new IllegalStateException("provisioner-saga (pid " + provisioner.process().pid() + ") is still running");
        }
        provisioner = startService("provisioner-saga", provisioner.port(), extraArgs);
        return provisioner;
    }

    private static void requireJvm(Child child) {
        String executable = child.process().info().command().orElse("");
        if (!Path.of(executable).getFileName().toString().equals("java")) {
            throw new IllegalStateException(child.name() + " (pid " + child.process().pid() + ") is " + executable
                    + ", not the java process: SIGKILL would not reach the JVM");
        }
    }

    private synchronized void retire(Child child) {
        children.remove(child);
        retired.add(child);
    }

    private Child startGateway(Path nginx, int port) throws IOException {
        Path prefix = workDir.resolve("gateway");
        Files.createDirectories(prefix.resolve("tmp"));
        // The same substitution the nginx image (compose) and bin/run-split.sh (envsubst) perform.
        String config = Files.readString(repository.resolve("gateway/nginx.conf.template"))
                .replace("${COMMAND_UPSTREAM}", "127.0.0.1:" + command.port())
                .replace("${QUERY_UPSTREAM}", "127.0.0.1:" + query.port())
                .replace("${PROVISIONER_UPSTREAM}", "127.0.0.1:" + provisioner.port())
                .replace("${GATEWAY_LISTEN}", "127.0.0.1:" + port);
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config);
        // daemon off keeps nginx our child, so Process#destroy stops it (SIGTERM: fast shutdown).
        return launch("gateway", port, new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-c", conf.toString(),
                "-e", "stderr", "-g", "daemon off;"));
    }

    private Child launch(String name, int port, ProcessBuilder builder) throws IOException {
        // A restarted process gets a log of its own: name.log, then name.2.log, name.3.log, ...
        long generation = 1 + Stream.concat(children.stream(), retired.stream()).filter(c -> c.name().equals(name)).count();
        Path log = workDir.resolve(generation == 1 ? name + ".log" : name + "." + generation + ".log");
        builder.directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // Command-line arguments win over these anyway; removing them keeps a developer's shell
        // (e.g. an exported SPRING_DATASOURCE_URL) from leaking into the processes under test.
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("STRATA_") || k.equals("SERVER_PORT"));
        Child child = new Child(name, builder.start(), log, port);
        children.add(child);
        return child;
    }

    /** Waits until each process answers 200 on /health; fails early when one of them exits. */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Child child : children) {
            while (status(child.url() + "/health") != 200) {
                if (!child.process().isAlive()) {
                    throw new IllegalStateException(child.name() + " exited with " + child.process().exitValue()
                            + " during startup; see its log below");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(child.name() + " is not healthy after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    static int status(String url) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        }
    }

    /** Prints the end of every log to stderr, for a failure report. */
    void printLogs(int lastLines) {
        System.err.println("split deployment logs (the last " + lastLines + " lines of each):" + logs(lastLines));
    }

    /** The end of every log, for a failure report. */
    String logs(int lastLines) {
        StringBuilder out = new StringBuilder();
        for (Child child : Stream.concat(retired.stream(), children.stream()).toList()) {
            boolean alive = child.process().isAlive();
            out.append("\n===== ").append(child.name()).append(alive ? "" : " (exited " + child.process().exitValue() + ")").append(" (port ").append(child.port()).append(", ")
                    .append(child.log()).append(") =====\n");
            try {
                List<String> lines = Files.readAllLines(child.log(), StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - lastLines), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                out.append("(log unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    /** Stops every child: the gateway first, then SIGTERM to all, then SIGKILL to whatever is left after 10 s. */
    @Override
    public synchronized void close() {
        List<Child> reversed = new ArrayList<>(children);
        java.util.Collections.reverse(reversed); // the gateway was started last
        reversed.forEach(c -> c.process().destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Child child : reversed) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!child.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    child.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                child.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        children.clear();
        retired.forEach(c -> c.process().destroyForcibly()); // already gone; a stop that timed out is made sure of
        if (Thread.currentThread() != killOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs close() again, harmlessly
            }
        }
    }

    /**
     * Ports the kernel hands out for port 0. All sockets are held until every port is chosen, so
     * the four are distinct; the small window before the processes bind them is accepted.
     */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
