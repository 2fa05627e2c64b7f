package org.hotline.ticketing;

import java.time.Clock;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.call.CallLog;
import org.hotline.platform.customer.CustomerDirectory;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.notify.Notifications;
import org.hotline.platform.org.Organisation;
import org.hotline.platform.ticket.TicketService;
import org.hotline.platform.user.UserDirectory;
import org.hotline.ticketing.audit.DbAuditLog;
import org.hotline.ticketing.calendar.DbCalendars;
import org.hotline.ticketing.clock.ClockScheduler;
import org.hotline.ticketing.clock.DbClockKeeper;
import org.hotline.ticketing.clock.DbWorkingHours;
import org.hotline.ticketing.clock.Escalator;
import org.hotline.ticketing.clock.SlaPolicies;
import org.hotline.ticketing.notify.NotificationWriter;
import org.hotline.ticketing.call.CallRecorder;
import org.hotline.ticketing.callback.DbCallbackService;
import org.hotline.ticketing.call.DbCallLog;
import org.hotline.ticketing.clock.ClockKeeper;
import org.hotline.ticketing.customer.DbCustomerDirectory;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.DatabaseHealth;
import org.hotline.ticketing.notify.DbNotificationWriter;
import org.hotline.ticketing.notify.DbNotifications;
import org.hotline.ticketing.intake.ComplaintFiler;
import org.hotline.ticketing.intake.WebIntake;
import org.hotline.ticketing.org.DbOrganisation;
import org.hotline.ticketing.ticket.DbTicketService;
import org.hotline.ticketing.user.DbUserDirectory;
import org.hotline.ticketing.user.LockoutPolicy;
import org.hotline.ticketing.user.PasswordHasher;
import org.hotline.ticketing.workflow.DbTicketDesk;

/**
 * The persistence side of Hotline in one place: customers, tickets, call records and users on one {@link Database}.
 * The owner of the database closes it; {@link #close()} only stops the {@link CallRecorder} (after writing what it
 * holds).
 */
public final class Ticketing implements AutoCloseable {
    private final Database db;
    private final Clock clock;
    private final DbCustomerDirectory customers;
    private final CallRecorder callRecorder;
    private final DbTicketService tickets;
    private final DbCallLog calls;
    private final DbUserDirectory users;
    private final DbCallbackService callbacks;
    private final DbAuditLog audit;
    private final DatabaseHealth health;
    private DbTicketDesk desk;
    private final DbNotificationWriter notificationWriter;
    private final DbNotifications notifications;
    private final DbOrganisation organisation;
    private final DbCalendars calendars;
    private final DbClockKeeper clockKeeper;
    private final ComplaintFiler complaintFiler;
    private final WebIntake webIntake;

    /** With the production password hashing (600,000 PBKDF2 iterations) and the default lockout. */
    public Ticketing(Database db, Clock clock) {
        this(db, clock, PasswordHasher.DEFAULT_ITERATIONS, LockoutPolicy.DEFAULT);
    }

    /**
     * @param passwordIterations PBKDF2 iterations of new password hashes (tests that create many users pass fewer)
     * @param lockout            when failed logins lock an account
     */
    public Ticketing(Database db, Clock clock, int passwordIterations, LockoutPolicy lockout) {
        this.db = db;
        this.clock = clock;
        this.customers = new DbCustomerDirectory(db, clock);
        this.callRecorder = new CallRecorder(db);
        this.tickets = new DbTicketService(db, clock, callRecorder::isPending);
        this.calls = new DbCallLog(db, callRecorder::isPending);
        this.users = new DbUserDirectory(db, clock, new PasswordHasher(passwordIterations), lockout);
        this.callbacks = new DbCallbackService(db, clock, DbCallbackService.DEFAULT_MAX_ATTEMPTS);
        this.audit = new DbAuditLog(db);
        this.health = DatabaseHealth.of(db, clock);
        this.calendars = new DbCalendars(db, clock, audit);
        this.clockKeeper = new DbClockKeeper(db, SlaPolicies.standard(), calendars, ClockScheduler.defaultNode());
        this.organisation = new DbOrganisation(db, clock);
        // a notification for a user outside their department calendar's working hours waits for the next start
        this.notificationWriter = new DbNotificationWriter(db, new DbWorkingHours(calendars));
        this.notifications = new DbNotifications(db, clock);
        this.complaintFiler = new ComplaintFiler(db, tickets, customers, clock, notificationWriter);
        this.webIntake = new WebIntake(complaintFiler, clock);
    }

    /** Posts notifications inside a caller's transaction (the workflow, the clocks). */
    public NotificationWriter notificationWriter() {
        return notificationWriter;
    }

    /** The users' notifications as the console reads and marks them. */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * Starts the ticket workflow on the given clock keeper and notification writer (built once; later calls return
     * the same desk): from now on every new ticket starts its clocks, calls the hooks and is published on {@code bus}.
     */
    public synchronized DbTicketDesk workflow(ClockKeeper clockKeeper, NotificationWriter notifications,
                                              EventBus bus) {
        if (desk == null) {
            desk = new DbTicketDesk(db, clock, clockKeeper, notifications, bus);
            tickets.onCreation(desk);
            complaintFiler.onCustomerMessage(desk::customerMessage);
        }
        return desk;
    }

    /** The ticket workflow on this database's clocks ({@link #clockKeeper}) and notifications. */
    public DbTicketDesk workflow(EventBus bus) {
        return workflow(clockKeeper, notificationWriter, bus);
    }

    /**
     * The ticket workflow on clocks whose records name {@code node} (a benchmark or test node beside this one's
     * {@link #clockKeeper}) and this database's notifications.
     */
    public DbTicketDesk workflow(String node, EventBus bus) {
        return workflow(new DbClockKeeper(db, SlaPolicies.standard(), calendars, node), notificationWriter, bus);
    }

    /** The ticket workflow once {@link #workflow} started it. */
    public synchronized java.util.Optional<DbTicketDesk> desk() {
        return java.util.Optional.ofNullable(desk);
    }

    /** The database as a part of the node's health (a cached {@code SELECT 1}). */
    public DatabaseHealth health() {
        return health;
    }

    /** Queue callbacks; call {@link DbCallbackService#publishTo} to have their changes published. */
    public DbCallbackService callbacks() {
        return callbacks;
    }

    public CustomerDirectory customers() {
        return customers;
    }

    public TicketService tickets() {
        return tickets;
    }

    public CallLog calls() {
        return calls;
    }

    public UserDirectory users() {
        return users;
    }

    /** The append-only audit log of security-relevant actions. */
    public AuditLog audit() {
        return audit;
    }

    /** Call {@link CallRecorder#start} once with the event bus to have call records written. */
    public CallRecorder callRecorder() {
        return callRecorder;
    }

    /** Departments, their managers and members. */
    public Organisation organisation() {
        return organisation;
    }

    /** The public complaint form's port (W2.1). */
    public WebIntake intake() {
        return webIntake;
    }

    /** Files complaints that come in without an agent (web form, email). */
    public ComplaintFiler complaintFiler() {
        return complaintFiler;
    }

    public Database database() {
        return db;
    }

    public Clock clock() {
        return clock;
    }

    /** The business calendars (the clocks' and the admins' view). */
    public DbCalendars calendars() {
        return calendars;
    }

    /** The SLA clocks, for the workflow to change inside its transactions. */
    public DbClockKeeper clockKeeper() {
        return clockKeeper;
    }

    /** When users work, from their department's calendar (for notifications held until working hours). */
    public DbWorkingHours workingHours() {
        return new DbWorkingHours(calendars);
    }

    /** A scheduler firing this database's clocks; the caller starts and closes it. */
    public ClockScheduler clockScheduler(NotificationWriter notifications, Escalator escalator,
                                         ClockScheduler.Settings settings) {
        return new ClockScheduler(db, calendars, notifications, escalator, settings, clock);
    }

    @Override
    public void close() {
        callRecorder.close();
    }
}
