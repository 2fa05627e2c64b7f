package org.hotline.ticketing.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.TicketFilter;
import org.hotline.platform.ticket.workflow.TicketRow;
import org.hotline.platform.user.User;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.user.LockoutPolicy;
import org.hotline.ticketing.workflow.DbTicketDesk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's back office: every state of every workflow, made by the workflow itself, with overdue work. */
class DemoTicketsTest extends DatabaseTestSupport {
    private Ticketing ticketing;
    private DbTicketDesk desk;

    @BeforeAll
    void seed() {
        // a real clock has sub-millisecond digits that the database drops: the seed must not trip over them
        clock = java.time.Clock.fixed(NOW.plusNanos(456_789), BEIJING);
        ticketing = new Ticketing(db, clock, 1_000, LockoutPolicy.DEFAULT);
        desk = ticketing.workflow(new LocalEventBus());
        DemoSeed.apply(ticketing);
    }

    @AfterAll
    void stop() {
        ticketing.close();
    }

    private User user(String name) {
        return ticketing.users().find(name).orElseThrow();
    }

    private List<TicketRow> all() {
        return desk.search(new TicketFilter(null, Set.of(), null, null, false, false, null, null, 200, 0),
                user("supervisor")).rows();
    }

    @Test
    void everyTypeHasATicketInEveryStateItsWorkflowReaches() {
        Map<TicketType, Set<TicketStatus>> states = all().stream().map(TicketRow::ticket).collect(
                Collectors.groupingBy(Ticket::type, Collectors.mapping(Ticket::status, Collectors.toSet())));

        assertThat(states.get(TicketType.CONSULTATION)).containsAll(EnumSet.of(TicketStatus.NEW,
                TicketStatus.HANDED_OFF, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED,
                TicketStatus.CLOSED));
        assertThat(states.get(TicketType.COMPLAINT)).containsAll(EnumSet.of(TicketStatus.NEW, TicketStatus.ASSIGNED,
                TicketStatus.IN_PROGRESS, TicketStatus.ESCALATED, TicketStatus.RESOLVED, TicketStatus.CLOSED,
                TicketStatus.CLOSED_WITH_GUIDANCE, TicketStatus.REOPENED));
        assertThat(states.get(TicketType.REPAIR)).containsAll(EnumSet.of(TicketStatus.NEW, TicketStatus.ASSIGNED,
                TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, TicketStatus.CLOSED));
        assertThat(all()).anySatisfy(r -> assertThat(r.ticket().escalationLevel()).isEqualTo(2));
    }

    @Test
    void theTicketsHaveRealHistoryAndClocksAndSomeAreOverdueOrStalled() {
        Ticket escalated = all().stream().map(TicketRow::ticket).filter(t -> t.escalationLevel() == 2).findFirst()
                .orElseThrow();
        var view = desk.view(escalated.id(), user("centre_head")).orElseThrow();
        assertThat(view.history()).extracting(h -> h.action())
                .containsExactly("create", "assign", "start", "escalate", "escalate");
        assertThat(view.history().get(1).actor()).isEqualTo("complaint_manager");
        assertThat(view.clocks()).isNotEmpty();
        assertThat(view.history().getLast().at()).isBefore(clock.instant());

        assertThat(desk.search(new TicketFilter(null, Set.of(), null, null, true, false, null, null, 200, 0),
                user("supervisor")).rows()).isNotEmpty();
        assertThat(desk.search(new TicketFilter(null, Set.of(), null, null, false, true, null, null, 200, 0),
                user("department_manager")).rows()).isNotEmpty();
    }

    @Test
    void everyBackOfficeAccountFindsWorkInItsWorklist() {
        for (String name : List.of("engineer", "coordinator", "complaint_handler", "complaint_manager",
                "department_manager", "centre_head")) {
            assertThat(desk.worklist(user(name), 100)).as(name).isNotEmpty();
        }
    }

    @Test
    void seedingAgainCreatesNoTicket() {
        long before = count("tickets");

        DemoSeed.apply(ticketing);

        assertThat(count("tickets")).isEqualTo(before);
    }
}
