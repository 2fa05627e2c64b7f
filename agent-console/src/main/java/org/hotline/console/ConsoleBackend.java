package org.hotline.console;

import java.time.Clock;
import java.util.Objects;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.call.CallLog;
import org.hotline.platform.calendar.Calendars;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.customer.CustomerDirectory;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.intake.ComplaintIntake;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.notify.Notifications;
import org.hotline.platform.org.Organisation;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.stats.LiveStatsView;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.ticket.TicketService;
import org.hotline.platform.ticket.workflow.TicketDesk;
import org.hotline.platform.user.UserDirectory;

/**
 * The platform ports the console talks to; it reaches the rest of Hotline only through these. {@code health} covers
 * every part of the node (database, switch links, call server) for {@code /api/health} and the wallboard.
 * {@code notifications} are the users' own (the bell); {@code desk} is the ticket workflow; {@code intake} the public
 * complaint form; {@code switches} the switch's capability ports; {@code liveCalls} the one live-call model (who
 * has which call, hold, recording) the relay, the greeting and the wallboard read.
 */
public record ConsoleBackend(UserDirectory users, AgentDesk agents, CallLog calls, CustomerDirectory customers,
                             TicketService tickets, CallbackService callbacks, LiveStatsView stats,
                             SwitchPorts switches, AuditLog audit, EventBus bus, Clock clock,
                             HealthCheck health, Notifications notifications, TicketDesk desk,
                             Organisation organisation, Calendars calendars, ComplaintIntake intake,
                             LiveCalls liveCalls) {
    public ConsoleBackend {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(switches, "switches");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(calendars, "calendars");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(liveCalls, "liveCalls");
    }

    /** Without the public complaint form: {@code POST /api/public/complaints} answers 503. */
    public ConsoleBackend(UserDirectory users, AgentDesk agents, CallLog calls, CustomerDirectory customers,
                          TicketService tickets, CallbackService callbacks, LiveStatsView stats,
                          SwitchPorts switches, AuditLog audit, EventBus bus, Clock clock,
                          HealthCheck health, Notifications notifications, TicketDesk desk,
                          Organisation organisation, Calendars calendars, LiveCalls liveCalls) {
        this(users, agents, calls, customers, tickets, callbacks, stats, switches, audit, bus, clock, health,
                notifications, desk, organisation, calendars, PublicFormOff.INSTANCE, liveCalls);
    }
}
