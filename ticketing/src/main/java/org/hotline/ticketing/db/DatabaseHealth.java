package org.hotline.ticketing.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.health.HealthCheck;

/**
 * The database as a part of the node's health ({@code database}): a {@code SELECT 1} through the pool, with a query
 * timeout, at most once per {@link #MAX_AGE} however often health is asked for (the wallboard asks every second, a
 * load balancer may ask more). A check that has not answered within {@link #ANSWER_WITHIN} counts as DOWN at once, so
 * that a server that hangs cannot hang the health endpoint (the pool itself would wait up to its connection timeout);
 * the check goes on in the background and the next question waits for that one rather than starting another.
 */
public final class DatabaseHealth implements HealthCheck {
    /** How long one check's answer is reused. */
    public static final Duration MAX_AGE = Duration.ofSeconds(2);
    /** How long a question waits for a check in flight before answering DOWN. */
    public static final Duration ANSWER_WITHIN = Duration.ofMillis(1500);
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private record Probe(boolean up, String problem, long checkedAtNanos) {
    }

    private final DataSource dataSource;
    private final String where;
    private final Clock clock;
    private final Object lock = new Object();
    private Probe last;
    private CompletableFuture<Probe> inFlight;
    private Boolean wasUp;
    private Instant since;

    /**
     * @param dataSource the pool to check
     * @param where      how to name the database to a supervisor: the URL without any secret
     * @param clock      stamps each change between UP and DOWN
     */
    public DatabaseHealth(DataSource dataSource, String where, Clock clock) {
        this.dataSource = dataSource;
        this.where = where;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** The health of {@code db}, named by its URL without the password. */
    public static DatabaseHealth of(Database db, Clock clock) {
        return new DatabaseHealth(db.dataSource(), db.config().safeUrl(), clock);
    }

    @Override
    public List<ComponentHealth> components() {
        Probe p = answer();
        Instant changed;
        synchronized (lock) {
            if (wasUp == null || wasUp != p.up()) {
                wasUp = p.up();
                since = clock.instant();
            }
            changed = since;
        }
        return List.of(new ComponentHealth("database", ComponentKind.DATABASE, p.up() ? "UP" : "DOWN", p.up(),
                changed, p.up() ? where : where + " (" + p.problem() + ")"));
    }

    private Probe answer() {
        CompletableFuture<Probe> check;
        synchronized (lock) {
            if (last != null && System.nanoTime() - last.checkedAtNanos() < MAX_AGE.toNanos()) {
                return last;
            }
            if (inFlight == null) {
                CompletableFuture<Probe> started = new CompletableFuture<>();
                started.thenAccept(probe -> {
                    synchronized (lock) {
                        last = probe;
                        inFlight = null;
                    }
                });
                inFlight = started;
                Thread.ofVirtual().name("db-health").start(() -> started.complete(probe()));
                check = started;
            } else {
                check = inFlight;
            }
        }
        try {
            return check.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Probe(false, "no answer within " + ANSWER_WITHIN.toMillis() + " ms", System.nanoTime());
        } catch (ExecutionException e) {
            return new Probe(false, String.valueOf(e.getCause()), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(false, "interrupted", System.nanoTime());
        }
    }

    private Probe probe() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            st.execute("SELECT 1");
            return new Probe(true, "", System.nanoTime());
        } catch (SQLException | RuntimeException e) {
            return new Probe(false, rootMessage(e), System.nanoTime());
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur.getCause() != null && cur.getCause() != cur && depth < 20; depth++) {
            cur = cur.getCause();
        }
        return cur.getMessage() == null ? cur.getClass().getSimpleName() : cur.getMessage();
    }
}
