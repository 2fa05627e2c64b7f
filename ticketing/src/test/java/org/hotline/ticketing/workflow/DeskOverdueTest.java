package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.workflow.TicketFilter;
import org.hotline.platform.ticket.workflow.TicketRow;
import org.junit.jupiter.api.Test;

/** Overdue and stalled tickets, found after their deadlines passed on the manual clock (no scheduler needed). */
class DeskOverdueTest extends DeskTestSupport {

    @Test
    void aComplaintLeftAloneIsOverdueAndStalledUntilResolved() {
        Ticket left = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(left.id(), manager, "assign", "assignee", handler.username(), "departments", List.of(department));
        Ticket fresh = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(fresh.id(), manager, "assign", "assignee", handler.username(), "departments", List.of(department));
        Ticket resolved = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(resolved.id(), manager, "assign", "assignee", handler.username());
        done(resolved.id(), handler, "start");
        done(resolved.id(), handler, "resolve", "resolution", "已解决", "customerInformedVia", "PHONE",
                "customerInformedAt", now().toString());

        manual.advance(Duration.ofDays(30));
        done(fresh.id(), handler, "start");
        done(fresh.id(), handler, "comment", "text", "已联系客户");

        TicketFilter overdue = new TicketFilter(null, Set.of(), null, null, true, false, null, null, 100, 0);
        TicketFilter stalled = new TicketFilter(null, Set.of(), null, department, false, true, null, null, 100, 0);
        List<Long> overdueIds = desk.search(overdue, supervisor).rows().stream().map(r -> r.ticket().id()).toList();
        List<Long> stalledIds = desk.search(stalled, deptManager).rows().stream().map(r -> r.ticket().id())
                .toList();

        assertThat(overdueIds).contains(left.id(), fresh.id()).doesNotContain(resolved.id());
        assertThat(stalledIds).as("activity restarted the fresh one's stagnation clock").containsExactly(left.id());
        TicketRow row = desk.worklist(deptManager, 100).stream().filter(r -> r.ticket().id() == left.id())
                .findFirst().orElseThrow();
        assertThat(row.overdue()).isTrue();
        assertThat(row.stalled()).isTrue();
        assertThat(row.why()).isEqualTo("YOUR_DEPARTMENT");
    }
}
