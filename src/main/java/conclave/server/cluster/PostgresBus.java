package conclave.server.cluster;

import conclave.store.PostgresUrl;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterBus} on the PostgreSQL database the store uses: LISTEN/NOTIFY on channel
 * {@value #CHANNEL}, no extra infrastructure. A message travels base64-encoded in the notification;
 * one that would pass the 8000-byte NOTIFY limit is written to {@code cluster_spill} in the same
 * transaction and the notification carries {@code #<row id>}. A batch is one transaction, and
 * PostgreSQL delivers notifications in commit order, so each publisher's order holds.
 *
 * <p>Two connections of its own (outside the store's pool): one listens on a bus thread, one
 * publishes. A lost connection is opened again (listening after a second's pause); what was sent
 * meanwhile is lost to this instance, which heartbeats repair. Rows of {@code cluster_spill} older
 * than a minute are deleted by the publisher now and then.
 */
public final class PostgresBus implements ClusterBus {
    static final String CHANNEL = "conclave_cluster";
    /** Base64 text up to this many characters goes in the notification itself. */
    static final int INLINE_LIMIT = 7_900;
    private static final String SPILLED = "#";
    private static final long CLEAN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int POLL_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBus.class);

    private final PostgresUrl url;
    private final Thread listener;
    private volatile boolean closed;
    private volatile Consumer<byte[]> receiver;
    private volatile Connection listening;
    private Connection publishing; // guarded by this
    private long lastCleanNanos = System.nanoTime(); // guarded by this

    public PostgresBus(PostgresUrl url) {
        this.url = url;
        this.listener = new DefaultThreadFactory("conclave-bus-postgres", true).newThread(this::listen);
    }

    @Override
    public void open(Consumer<byte[]> receiver) {
        this.receiver = receiver;
        try {
            listening = listeningConnection();
            synchronized (this) {
                publishing = connect();
            }
        } catch (SQLException e) {
            close();
            throw new ClusterBusException("cannot LISTEN on the PostgreSQL store for --cluster postgres: " + e.getMessage(), e);
        }
        listener.start();
    }

    @Override
    public synchronized void publish(List<byte[]> messages) {
        if (closed) {
            throw new ClusterBusException("the PostgreSQL bus is closed");
        }
        try {
            if (publishing == null || publishing.isClosed()) {
                publishing = connect();
            }
            sendInOneTransaction(messages);
            cleanSpillNowAndThen();
        } catch (SQLException e) {
            closeQuietly(publishing);
            publishing = null;
            throw new ClusterBusException("NOTIFY on the PostgreSQL store failed: " + e.getMessage(), e);
        }
    }

    /** Guarded by this. */
    private void sendInOneTransaction(List<byte[]> messages) throws SQLException {
        publishing.setAutoCommit(false);
        try (PreparedStatement notify = publishing.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)");
                PreparedStatement spill = publishing.prepareStatement(
                        "INSERT INTO cluster_spill (body) VALUES (?) RETURNING id")) {
            for (byte[] message : messages) {
                String text = Base64.getEncoder().encodeToString(message);
                if (text.length() > INLINE_LIMIT) {
                    spill.setBytes(1, message);
                    try (ResultSet id = spill.executeQuery()) {
                        id.next();
                        text = SPILLED + id.getLong(1);
                    }
                }
                notify.setString(1, text);
                notify.executeQuery().close();
            }
            publishing.commit();
        } catch (SQLException e) {
            publishing.rollback();
            throw e;
        } finally {
            publishing.setAutoCommit(true);
        }
    }

    /** Guarded by this. */
    private void cleanSpillNowAndThen() throws SQLException {
        long now = System.nanoTime();
        if (now - lastCleanNanos < CLEAN_EVERY_NANOS) {
            return;
        }
        lastCleanNanos = now;
        try (Statement clean = publishing.createStatement()) {
            clean.executeUpdate("DELETE FROM cluster_spill WHERE created_at < now() - interval '1 minute'");
        }
    }

    /** The bus thread: waits for notifications and hands each to the receiver, in order. */
    private void listen() {
        while (!closed) {
            try {
                PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications == null) {
                    continue;
                }
                for (PGNotification notification : notifications) {
                    receiver.accept(body(notification.getParameter()));
                }
            } catch (SQLException lost) {
                if (closed) {
                    return;
                }
                LOG.warn("cluster bus postgres: listening connection lost; reconnecting: {}", lost.getMessage());
                reconnectListener();
            }
        }
    }

    private byte[] body(String parameter) throws SQLException {
        if (!parameter.startsWith(SPILLED)) {
            return Base64.getDecoder().decode(parameter.getBytes(StandardCharsets.US_ASCII));
        }
        try (PreparedStatement read = listening.prepareStatement("SELECT body FROM cluster_spill WHERE id = ?")) {
            read.setLong(1, Long.parseLong(parameter.substring(SPILLED.length())));
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? row.getBytes(1) : new byte[0]; // cleaned away already: an unreadable message
            }
        }
    }

    private void reconnectListener() {
        closeQuietly(listening);
        while (!closed) {
            try {
                listening = listeningConnection();
                return;
            } catch (SQLException e) {
                try {
                    Thread.sleep(1_000); // a pause between attempts to reach the database, not synchronisation
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private Connection listeningConnection() throws SQLException {
        Connection connection = connect();
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "conclave cluster bus");
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        closeQuietly(listening);
        synchronized (this) {
            closeQuietly(publishing);
            publishing = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection; nothing to do
            }
        }
    }
}
