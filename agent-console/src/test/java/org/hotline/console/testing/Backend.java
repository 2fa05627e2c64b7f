package org.hotline.console.testing;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;
import org.hotline.ticketing.user.LockoutPolicy;
import org.hotline.ticketing.workflow.DbTicketDesk;

/**
 * What a test class shares: a fresh MariaDB database with the real ticketing side (call records written from the
 * event bus, callback changes published on it), one event bus, one Vert.x and a scheduler. Each test starts its own
 * {@link Stack} on top.
 */
public final class Backend implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** PBKDF2 iterations of the test users' hashes: few, since every test class creates many users. */
    public static final int TEST_PASSWORD_ITERATIONS = 1_000;

    public final Clock clock;
    public final EventBus bus = new LocalEventBus();
    public final TestDatabase testDb;
    public final Database db;
    public final Ticketing ticketing;
    /** The ticket workflow on the real clocks and notifications. */
    public final DbTicketDesk desk;
    public final Vertx vertx = Vertx.vertx();
    public final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    public Backend() {
        this(Clock.systemUTC());
    }

    /** With {@code clock} (a movable one where session lifetimes or the login throttle are tested). */
    public Backend(Clock clock) {
        this.clock = clock;
        testDb = TestDatabase.create();
        db = Database.open(testDb.config());
        ticketing = new Ticketing(db, clock, TEST_PASSWORD_ITERATIONS, LockoutPolicy.DEFAULT);
        ticketing.callRecorder().start(bus);
        ticketing.callbacks().publishTo(bus);
        desk = ticketing.workflow(bus);
    }

    /** A new user with a unique name; the password is {@link #password(String)}. */
    public String newUser(String prefix, Set<Role> roles, Set<String> skills) {
        String username = prefix + "-" + SEQUENCE.incrementAndGet();
        ticketing.users().create(username, "显示名 " + username, password(username).toCharArray(), roles, skills);
        return username;
    }

    public String newAgent() {
        return newUser("agent", Set.of(Role.AGENT), Set.of(Stack.QUEUE));
    }

    public String newSupervisor() {
        return newUser("sup", Set.of(Role.SUPERVISOR), Set.of());
    }

    public static String password(String username) {
        return "pw-" + username + "-秘密";
    }

    /** A customer with one product under warranty and one out of warranty; phone is unique per call. */
    public Customer newCustomer(String name, CustomerClass customerClass) {
        String phone = "1380000" + String.format("%04d", SEQUENCE.incrementAndGet());
        Customer c = ticketing.customers().create(name, customerClass, List.of(phone));
        LocalDate today = LocalDate.now(clock);
        ticketing.customers().addProduct(c.id(), "Mate 60", "SN-IN-" + c.id(), today.minusMonths(3),
                today.plusMonths(9));
        ticketing.customers().addProduct(c.id(), "P30", "SN-OUT-" + c.id(), today.minusYears(3),
                today.minusYears(1));
        return c;
    }

    @Override
    public void close() {
        Futures.get(vertx.close());
        ticketing.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
        testDb.close();
    }
}
