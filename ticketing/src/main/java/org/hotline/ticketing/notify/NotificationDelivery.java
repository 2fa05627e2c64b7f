package org.hotline.ticketing.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hotline.platform.Times;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.NotificationPosted;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.support.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications when they fall due: claims due, undelivered rows, marks them delivered and publishes a
 * {@link NotificationPosted} for each on the {@link EventBus} (the console pushes it to the recipient's sockets).
 * Several nodes on one database each run one: the claim locks rows with {@code FOR UPDATE SKIP LOCKED} and marks them
 * in the same transaction, so every row is delivered by exactly one node. A node that was down delivers what fell
 * due meanwhile at its first run. Events are published after the commit; a node that dies in between loses only the
 * push, never the notification (the bell reads the table when a page loads).
 */
public final class NotificationDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(2);
    public static final int DEFAULT_BATCH = 200;
    /** A delivery later than this after its time is logged. */
    static final Duration LATE = Duration.ofMinutes(1);

    private final Database db;
    private final EventBus bus;
    private final Clock clock;
    private final int batch;
    private Periodic timer;

    public NotificationDelivery(Database db, EventBus bus, Clock clock, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        this.db = Objects.requireNonNull(db, "db");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batch = batch;
        db.registerMapper(NotificationMapper.class);
    }

    public NotificationDelivery(Database db, EventBus bus, Clock clock) {
        this(db, bus, clock, DEFAULT_BATCH);
    }

    /** Runs {@link #runOnce} every {@code period} on a thread of its own until {@link #close()}. */
    public synchronized void start(Duration period) {
        if (timer != null) {
            throw new IllegalStateException("notification delivery already started");
        }
        timer = new Periodic("notification-delivery", LOG, Duration.ofSeconds(5)).every(period,
                "delivering notifications failed, trying again at the next run", () -> runOnce(Times.now(clock)));
    }

    /** Delivers every notification due at {@code now} that no node has delivered yet; how many this node did. */
    public int runOnce(Instant now) {
        Instant at = Times.millis(now);
        int total = 0;
        Duration latest = Duration.ZERO;
        while (true) {
            List<NotificationRow> claimed = claim(at);
            for (NotificationRow row : claimed) {
                Duration late = Duration.between(row.deliverAt(), at);
                latest = late.compareTo(latest) > 0 ? late : latest;
                bus.publish(new NotificationPosted(row.toNotification(), at));
            }
            total += claimed.size();
            if (claimed.size() < batch) {
                break;
            }
        }
        if (latest.compareTo(LATE) > 0) {
            // what fell due while no node delivered (all stopped, or the database away)
            LOG.info("{} notifications delivered, the latest {} s after its time", total, latest.toSeconds());
        } else if (total > 0) {
            LOG.debug("{} notifications delivered", total);
        }
        return total;
    }

    private List<NotificationRow> claim(Instant now) {
        return db.inTransaction(s -> {
            NotificationMapper m = s.getMapper(NotificationMapper.class);
            List<Long> ids = m.lockDue(now, batch);
            if (ids.isEmpty()) {
                return List.of();
            }
            m.markDelivered(ids, now);
            return m.byIds(ids);
        });
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.close();
            timer = null;
        }
    }
}
