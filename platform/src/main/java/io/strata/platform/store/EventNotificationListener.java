package io.strata.platform.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Wakes this process's event store when any process stores events: LISTEN on the {@code strata_events}
 * channel, which a statement-level trigger on domain_event_entry notifies at commit.
 * <p>
 * One dedicated connection per process, opened with the DriverManager, never taken from the Hikari pool
 * (a pooled connection would be held forever, and LISTEN state would leak to other borrowers). A daemon
 * thread waits on it ({@code PGConnection.getNotifications(timeout)}); on a failure it closes the connection
 * and reconnects with backoff (1 s doubling to 30 s), waking the store once after each (re)connect since
 * notifications sent while disconnected are lost. Meanwhile the store's fetch delay still polls, so a lost
 * connection costs latency, never events.
 */
public class EventNotificationListener implements SmartLifecycle {
    public static final String CHANNEL = "strata_events";
    private static final Logger log = LoggerFactory.getLogger(EventNotificationListener.class);
    private static final int WAIT_MS = 10_000;

    private final String url;
    private final String user;
    private final String password;
    private final Runnable onEventsStored;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public EventNotificationListener(String url, String user, String password, Runnable onEventsStored) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.onEventsStored = onEventsStored;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "strata-event-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            closeQuietly(connection); // unblocks a thread waiting for notifications
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long backoffMs = 1_000;
        boolean failing = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (failing) {
                    log.info("listening on {} again", CHANNEL);
                } else {
                    log.debug("listening on {}", CHANNEL);
                }
                failing = false;
                backoffMs = 1_000;
                onEventsStored.run(); // whatever was stored while we were not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MS);
                    if (notifications != null && notifications.length > 0) {
                        onEventsStored.run();
                    } else if (!c.isValid(5)) { // quiet for WAIT_MS: make sure the connection is still alive
                        throw new SQLException("listener connection is no longer valid");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!failing) {
                    log.warn("listening on {} failed, retrying (events are still fetched every fetch delay): {}",
                            CHANNEL, e.toString());
                }
                failing = true;
            } finally {
                connection = null;
            }
            if (running) {
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException e) {
                    break;
                }
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "strata-event-listener");
        props.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(url, props);
        c.setAutoCommit(true);
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // closing anyway
            }
        }
    }
}
