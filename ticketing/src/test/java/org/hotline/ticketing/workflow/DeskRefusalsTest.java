package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ActionRequest;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.Test;

/**
 * What the desk refuses, and that a refusal writes nothing (ticket, history, departments, clocks, notifications
 * compared before and after): a stale version, a state that does not allow the action, a role that may not, a bad
 * field, a ticket the actor may not see. Two people acting at once: one wins, the other is told.
 */
class DeskRefusalsTest extends DeskTestSupport {

    @Test
    void anActionTheStateDoesNotAllowIsRefusedAndWritesNothing() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        String before = snapshot(t.id());

        ActionOutcome outcome = act(t.id(), manager, "close");

        assertThat(outcome).isEqualTo(new ActionOutcome.NotAllowedNow("NEW", "close"));
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    @Test
    void aRoleThatMayNotTakeTheActionIsForbiddenAndWritesNothing() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        String before = snapshot(t.id());

        ActionOutcome outcome = act(t.id(), agent, "assign", "assignee", handler.username());

        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Forbidden.class,
                f -> assertThat(f.reason()).contains("COMPLAINT_MANAGER"));
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    @Test
    void aStaleVersionIsRefusedSayingWhichVersionIsCurrent() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(t.id(), manager, "comment", "text", "第一次备注");
        String before = snapshot(t.id());

        ActionOutcome outcome = desk.act(t.id(), new ActionRequest("assign", t.version(),
                map("assignee", handler.username())), manager);

        assertThat(outcome).isEqualTo(new ActionOutcome.Stale(t.version(), t.version() + 1));
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    @Test
    void aMissingUnknownOrBadFieldIsNamedAndNothingIsWritten() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        String before = snapshot(t.id());

        assertThat(act(t.id(), manager, "assign")).isEqualTo(new ActionOutcome.Invalid("assignee",
                "assignee is required"));
        assertThat(act(t.id(), manager, "assign", "assignee", handler.username(), "priority", "HIGH"))
                .isEqualTo(new ActionOutcome.Invalid("priority", "assign does not take priority"));
        assertThat(act(t.id(), manager, "assign", "assignee", 42L))
                .isEqualTo(new ActionOutcome.Invalid("assignee", "assignee must be a string"));
        assertThat(act(t.id(), manager, "assign", "assignee", handler.username(), "departments", department))
                .isInstanceOfSatisfying(ActionOutcome.Invalid.class, i -> assertThat(i.field())
                        .isEqualTo("departments"));
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    @Test
    void aTicketTheActorMayNotSeeIsNotFoundForThem() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        String before = snapshot(t.id());

        assertThat(act(t.id(), engineer, "comment", "text", "x")).isEqualTo(new ActionOutcome.NotFound(t.id()));
        assertThat(desk.act(987_654_321L, new ActionRequest("comment", 0, map("text", "x")), manager))
                .isEqualTo(new ActionOutcome.NotFound(987_654_321L));
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    @Test
    void twoPeopleActingAtOnceOneWinsTheOtherIsToldAndHistoryHasOneLine() throws Exception {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        User otherManager = user("cmgr", org.hotline.platform.user.Role.COMPLAINT_MANAGER);
        long events = queryLong("SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ?", t.id());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ActionOutcome>> results = new ArrayList<>();
            for (User who : List.of(manager, otherManager)) {
                results.add(pool.submit(() -> {
                    go.await();
                    return desk.act(t.id(), new ActionRequest("assign", t.version(),
                            map("assignee", who == manager ? handler.username() : deptHandler.username())), who);
                }));
            }
            go.countDown();
            List<ActionOutcome> outcomes = new ArrayList<>();
            for (Future<ActionOutcome> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(o -> o instanceof ActionOutcome.Done).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ActionOutcome.Stale).singleElement()
                    .isEqualTo(new ActionOutcome.Stale(t.version(), t.version() + 1));
            assertThat(queryLong("SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ?", t.id()))
                    .isEqualTo(events + 1);
            assertThat(version(t.id())).isEqualTo(t.version() + 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
