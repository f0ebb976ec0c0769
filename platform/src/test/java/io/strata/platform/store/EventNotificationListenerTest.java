package io.strata.platform.store;

import io.strata.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger notifies at commit (not before, not on rollback) and the listener survives losing its connection. */
class EventNotificationListenerTest {
    private final TestDatabase.Server server = TestDatabase.server();
    private String url;
    private final Semaphore wakeups = new Semaphore(0);
    private EventNotificationListener listener;

    @BeforeEach
    void setUp() {
        url = TestDatabase.fresh();
        ModuleSchema platform = new ModuleSchema("platform");
        Flyway.configure().dataSource(url, server.user(), server.password())
                .locations(platform.location()).table(platform.historyTable()).load().migrate();
        listener = new EventNotificationListener(url, server.user(), server.password(), wakeups::release);
        listener.start();
    }

    @AfterEach
    void tearDown() {
        listener.stop();
    }

    @Test
    void wakesOnCommitOfStoredEventsOnly() throws Exception {
        assertThat(wakeups.tryAcquire(10, TimeUnit.SECONDS)).as("woken once on connect").isTrue();
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            insertEvent(c, "a", 0);
            insertEvent(c, "a", 1);
            assertThat(wakeups.tryAcquire(300, TimeUnit.MILLISECONDS)).as("nothing before commit").isFalse();
            c.commit();
            assertThat(wakeups.tryAcquire(5, TimeUnit.SECONDS)).as("woken at commit").isTrue();
            assertThat(wakeups.tryAcquire(300, TimeUnit.MILLISECONDS)).as("one wake-up per transaction").isFalse();

            insertEvent(c, "b", 0);
            c.rollback();
            assertThat(wakeups.tryAcquire(300, TimeUnit.MILLISECONDS)).as("nothing on rollback").isFalse();
        }
    }

    @Test
    void reconnectsWhenItsConnectionIsKilled() throws Exception {
        assertThat(wakeups.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        try (Connection c = connection()) {
            c.createStatement().execute("select pg_terminate_backend(pid) from pg_stat_activity "
                    + "where application_name = 'strata-event-listener' and datname = current_database()");
            assertThat(wakeups.tryAcquire(15, TimeUnit.SECONDS)).as("woken again after reconnecting").isTrue();
            insertEvent(c, "c", 0);
            assertThat(wakeups.tryAcquire(5, TimeUnit.SECONDS)).as("listening again").isTrue();
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, server.user(), server.password());
    }

    private static void insertEvent(Connection c, String aggregate, long sequence) throws SQLException {
        try (var st = c.prepareStatement("insert into domain_event_entry (event_identifier, aggregate_identifier, "
                + "sequence_number, time_stamp, payload_type, payload) values (?, ?, ?, '2026-01-01T00:00:00Z', 'x', '\\x00')")) {
            st.setString(1, java.util.UUID.randomUUID().toString());
            st.setString(2, aggregate);
            st.setLong(3, sequence);
            st.executeUpdate();
        }
    }
}
