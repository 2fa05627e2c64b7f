package org.hotline.ticketing.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.ticket.TicketType;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A ticket linked to a call belongs to the call's customer: another customer is refused naming customerId (nothing
 * written), a ticket naming only the call is attached to the call's customer. And the "involving" filter that the
 * console's data-access policy uses for agents.
 */
class TicketCallCustomerTest extends DatabaseTestSupport {
    private final LocalEventBus bus = new LocalEventBus();
    private Ticketing ticketing;
    private Customer caller;
    private Customer unrelated;

    @BeforeAll
    void setUp() {
        ticketing = new Ticketing(db, clock);
        ticketing.callRecorder().start(bus);
        caller = ticketing.customers().create("张三", CustomerClass.ORDINARY, List.of("13700001111"));
        unrelated = ticketing.customers().create("李四", CustomerClass.ORDINARY, List.of("13700002222"));
        bus.publish(new CallArrived("c-known", "13700001111", "400800", "PJSIP/trunk-1", NOW));
        bus.publish(new IvrCompleted("c-known", "main>2", "2", caller.id(), caller.name(), CustomerClass.ORDINARY,
                "repair", NOW));
        bus.publish(new CallArrived("c-anonymous", null, "400800", "PJSIP/trunk-2", NOW));
        ticketing.callRecorder().awaitIdle(Duration.ofSeconds(10));
    }

    @AfterAll
    void tearDown() {
        ticketing.close();
    }

    private static NewTicket ticket(Long customerId, String callId) {
        return new NewTicket(TicketType.CONSULTATION, "屏幕故障", TicketPriority.NORMAL, customerId, null, callId,
                ServiceMode.PHONE, "屏幕出现绿线。");
    }

    @Test
    void aTicketForAnotherCustomerThanTheCallsIsRefusedNamingCustomerIdAndNothingIsWritten() {
        long before = count("tickets");

        assertThatThrownBy(() -> ticketing.tickets().create(ticket(unrelated.id(), "c-known"), "agent1"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("customerId");
                    assertThat(e.getMessage()).isEqualTo("call c-known is with customer " + caller.id()
                            + ", not customer " + unrelated.id());
                });
        assertThat(count("tickets")).isEqualTo(before);
    }

    @Test
    void theCallsOwnCustomerOrNoneIsAcceptedAndANamelessTicketGetsTheCallsCustomer() {
        assertThat(ticketing.tickets().create(ticket(caller.id(), "c-known"), "agent1").customerId())
                .isEqualTo(caller.id());
        assertThat(ticketing.tickets().create(ticket(null, "c-known"), "agent1").customerId())
                .isEqualTo(caller.id());
        assertThat(ticketing.tickets().create(ticket(unrelated.id(), "c-anonymous"), "agent1").customerId())
                .as("a call without a known customer may be filed for any customer").isEqualTo(unrelated.id());
    }

    @Test
    void involvingFindsTheTicketsAUserCreatedOrIsAssignedTo() throws Exception {
        Ticket mine = ticketing.tickets().create(ticket(unrelated.id(), null), "agent-inv-a");
        Ticket assigned = ticketing.tickets().create(ticket(unrelated.id(), null), "agent-inv-b");
        Ticket other = ticketing.tickets().create(ticket(unrelated.id(), null), "agent-inv-b");
        try (var c = testDb.connect(); var st = c.prepareStatement("UPDATE tickets SET assignee = ? WHERE id = ?")) {
            st.setString(1, "agent-inv-a");
            st.setLong(2, assigned.id());
            st.executeUpdate();
        }

        List<Ticket> found = ticketing.tickets().search(new TicketQuery(unrelated.id(), null, Set.of(), 50,
                "agent-inv-a"));

        assertThat(found).extracting(Ticket::id).containsExactly(assigned.id(), mine.id()).doesNotContain(other.id());
    }
}
