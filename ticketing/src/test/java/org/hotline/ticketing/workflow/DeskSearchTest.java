package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.TicketFilter;
import org.hotline.platform.ticket.workflow.TicketPage;
import org.hotline.platform.ticket.workflow.TicketRow;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.Test;

/** The ticket list's filters and search, narrowed to what the viewer may see, and the worklist's order. */
class DeskSearchTest extends DeskTestSupport {

    private TicketPage search(TicketFilter f, org.hotline.platform.user.User who) {
        return desk.search(f, who);
    }

    private static TicketFilter filter(TicketType type, Set<TicketStatus> statuses, String assignee, String dept,
                                       String q) {
        return new TicketFilter(type, statuses, assignee, dept, false, false, q, null, 50, 0);
    }

    private static List<Long> ids(TicketPage page) {
        return page.rows().stream().map(r -> r.ticket().id()).toList();
    }

    @Test
    void filtersByTypeStatusAssigneeAndDepartment() {
        Ticket a = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        Ticket b = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        Ticket c = consultation();
        org.hotline.platform.user.User only = user("handler", org.hotline.platform.user.Role.COMPLAINT_HANDLER);
        done(a.id(), manager, "assign", "assignee", only.username(), "departments", List.of(department));

        assertThat(ids(search(filter(TicketType.COMPLAINT, Set.of(), null, null, null), supervisor)))
                .contains(a.id(), b.id()).doesNotContain(c.id());
        assertThat(ids(search(filter(null, Set.of(TicketStatus.ASSIGNED), null, null, null), supervisor)))
                .contains(a.id()).doesNotContain(b.id(), c.id());
        assertThat(ids(search(filter(null, Set.of(), only.username(), null, null), supervisor)))
                .containsExactly(a.id());
        TicketPage byDept = search(filter(null, Set.of(), null, department, null), supervisor);
        assertThat(ids(byDept)).containsExactly(a.id());
        assertThat(byDept.rows().getFirst().departments()).containsExactly(department);
        assertThat(byDept.rows().getFirst().customerName()).isEqualTo(customer.name());
        assertThat(byDept.rows().getFirst().nextDueAt()).isNotNull();
    }

    @Test
    void qSearchesTheNumberDescriptionCustomerNameAndPhone() {
        Customer special = ticketing.customers().create("欧阳修远", CustomerClass.VIP, List.of("13712345678"));
        Ticket t = ticketing.tickets().create(new org.hotline.platform.ticket.NewTicket(TicketType.CONSULTATION,
                "咨询", null, special.id(), null, null, org.hotline.platform.ticket.ServiceMode.PHONE,
                "询问独一无二的蓝牙配对问题"), agent.username());

        for (String q : List.of(t.number(), "独一无二", "欧阳", "3712345")) {
            assertThat(ids(search(filter(null, Set.of(), null, null, q), supervisor))).as(q).containsExactly(t.id());
        }
        assertThat(ids(search(filter(null, Set.of(), null, null, "100%_"), supervisor))).isEmpty();
    }

    @Test
    void aListShowsOnlyWhatTheViewerMaySeeAndCountsIt() {
        Ticket complaintTicket = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        Ticket consultationTicket = consultation();

        TicketPage coordinators = search(filter(null, Set.of(), null, null, null), coordinator);
        TicketPage managers = search(filter(null, Set.of(), null, null, null), manager);
        TicketPage engineers = search(filter(null, Set.of(), null, null, null), engineer);

        assertThat(ids(coordinators)).contains(consultationTicket.id()).doesNotContain(complaintTicket.id());
        assertThat(ids(managers)).contains(complaintTicket.id()).doesNotContain(consultationTicket.id());
        assertThat(ids(engineers)).doesNotContain(complaintTicket.id(), consultationTicket.id());
        assertThat(coordinators.total()).isEqualTo(coordinators.rows().size());
    }

    @Test
    void pagesCarryTheTotal() {
        for (int i = 0; i < 3; i++) {
            consultation();
        }
        TicketPage first = desk.search(new TicketFilter(TicketType.CONSULTATION, Set.of(), null, null, false, false,
                null, null, 2, 0), supervisor);
        TicketPage second = desk.search(new TicketFilter(TicketType.CONSULTATION, Set.of(), null, null, false,
                false, null, null, 2, 2), supervisor);

        assertThat(first.rows()).hasSize(2);
        assertThat(first.total()).isGreaterThanOrEqualTo(3);
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    }

    @Test
    void theWorklistPutsTheNearestDeadlineFirstAndSaysWhy() {
        Ticket mine = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(mine.id(), manager, "assign", "assignee", handler.username());
        Ticket major = complaint(ComplaintClass.SERVICE_QUALITY, Severity.MAJOR);
        done(major.id(), manager, "assign", "assignee", handler.username());

        List<TicketRow> rows = desk.worklist(handler, 100);

        assertThat(rows).extracting(r -> r.ticket().id()).contains(mine.id(), major.id());
        assertThat(rows).allSatisfy(r -> assertThat(r.why()).isEqualTo("ASSIGNED_TO_YOU"));
        List<java.time.Instant> due = rows.stream().map(TicketRow::nextDueAt).filter(java.util.Objects::nonNull)
                .toList();
        assertThat(due).isSorted();
        assertThat(rows.indexOf(rows.stream().filter(r -> r.ticket().id() == major.id()).findFirst().orElseThrow()))
                .as("the MAJOR complaint has the shorter clocks")
                .isLessThan(rows.indexOf(rows.stream().filter(r -> r.ticket().id() == mine.id()).findFirst()
                        .orElseThrow()));
        assertThat(desk.worklist(engineer, 100)).extracting(r -> r.ticket().id())
                .doesNotContain(mine.id(), major.id());
    }
    @Test
    void aWorklistMergesWhatIsAssignedWithTheRoleQueuesNearestDeadlineFirstEachOnce() {
        // a coordinator who also handles complaints: the hand-off queue, the complaint-manager queue does not apply
        User both = user("both", Role.COORDINATOR, Role.COMPLAINT_HANDLER);
        Ticket assigned = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(assigned.id(), manager, "assign", "assignee", both.username());
        Ticket handedOff = consultation();
        done(handedOff.id(), agent, "hand-off");
        Ticket newComplaint = complaint(ComplaintClass.PRODUCT_QUALITY, Severity.NORMAL);
        Ticket answered = consultation();
        done(answered.id(), agent, "resolve", "resolution", "电话中已解答");

        List<TicketRow> rows = desk.worklist(both, 100);

        assertThat(rows).extracting(r -> r.ticket().id())
                .as("assigned and handed off, once each; neither a queue of another role nor a resolved consultation")
                .containsExactlyInAnyOrder(assigned.id(), handedOff.id())
                .doesNotContain(newComplaint.id(), answered.id());
        assertThat(rows.get(0).ticket().id()).as("the 15-minute hand-off is due first").isEqualTo(handedOff.id());
        assertThat(rows).extracting(TicketRow::why).containsExactly("YOUR_ROLE", "ASSIGNED_TO_YOU");
        assertThat(desk.worklist(both, 1)).extracting(r -> r.ticket().id()).containsExactly(handedOff.id());
        assertThat(desk.worklist(manager, 100)).extracting(r -> r.ticket().id())
                .as("the complaint manager's queue: the NEW complaint").contains(newComplaint.id())
                .doesNotContain(handedOff.id(), answered.id());
    }
    @Test
    void aDepartmentsWorklistShowsItsTicketsToAHandlerInItButNotToAnAgentInIt() {
        User member = user("member", Role.COMPLAINT_HANDLER);
        User agentInIt = user("desk", Role.AGENT);
        department("W" + member.id(), member.username(), agentInIt.username());
        Ticket theirs = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(theirs.id(), manager, "assign", "assignee", handler.username(), "departments",
                List.of("W" + member.id()));

        assertThat(desk.worklist(member, 100)).extracting(r -> r.ticket().id()).containsExactly(theirs.id());
        assertThat(desk.worklist(member, 100)).extracting(TicketRow::why).containsExactly("YOUR_DEPARTMENT");
        assertThat(desk.worklist(agentInIt, 100)).as("an agent does not see its department's tickets")
                .extracting(r -> r.ticket().id()).doesNotContain(theirs.id());
    }
}
