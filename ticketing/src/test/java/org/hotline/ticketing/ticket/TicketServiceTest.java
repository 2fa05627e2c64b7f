package org.hotline.ticketing.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.Product;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketEvent;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TicketServiceTest extends DatabaseTestSupport {
    private Ticketing ticketing;
    private Customer customer;
    private Product product;
    private Customer otherCustomer;
    private Product otherProduct;

    @BeforeAll
    void setUp() {
        ticketing = new Ticketing(db, clock);
        customer = ticketing.customers().create("林黛玉", CustomerClass.VIP, List.of("13800001111"));
        product = ticketing.customers().addProduct(customer.id(), "华为 Mate 60", "861111100000001", null, null);
        otherCustomer = ticketing.customers().create("贾宝玉", CustomerClass.ORDINARY, List.of("13800002222"));
        otherProduct = ticketing.customers().addProduct(otherCustomer.id(), "小米 14", "862222200000002", null, null);
    }

    @AfterAll
    void tearDown() {
        ticketing.close();
    }

    private NewTicket valid() {
        return new NewTicket(TicketType.REPAIR, "屏幕故障", TicketPriority.HIGH, customer.id(), product.id(), null,
                ServiceMode.CARRY_IN, "屏幕出现绿线，客户希望尽快维修。");
    }

    @Test
    void aCreatedTicketIsOpenNumberedAndHasACreatedEvent() {
        Ticket t = ticketing.tickets().create(valid(), "agent1");

        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        assertThat(t.number()).isEqualTo(String.format("T20261123-%06d", t.id()));
        assertThat(t.category()).isEqualTo("屏幕故障");
        assertThat(t.description()).isEqualTo("屏幕出现绿线，客户希望尽快维修。");
        assertThat(t.customerId()).isEqualTo(customer.id());
        assertThat(t.productId()).isEqualTo(product.id());
        assertThat(t.createdBy()).isEqualTo("agent1");
        assertThat(t.createdAt()).isEqualTo(NOW);
        assertThat(t.updatedAt()).isEqualTo(NOW);
        assertThat(t.closedAt()).isNull();
        assertThat(ticketing.tickets().find(t.id())).contains(t);

        List<TicketEvent> history = ticketing.tickets().history(t.id());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).action()).isEqualTo("create");
        assertThat(history.get(0).actor()).isEqualTo("agent1");
        assertThat(history.get(0).at()).isEqualTo(NOW);
        assertThat(history.get(0).ticketId()).isEqualTo(t.id());
    }

    @Test
    void millisecondsSurviveTheRoundTrip() {
        Instant at = Instant.parse("2026-11-23T03:04:05.987Z");
        DbTicketService service = new DbTicketService(db, Clock.fixed(at, BEIJING));

        Ticket t = service.create(valid(), "agent2");

        assertThat(service.find(t.id()).orElseThrow().createdAt()).isEqualTo(at);
        assertThat(queryString("SELECT DATE_FORMAT(created_at, '%H:%i:%s.%f') FROM tickets WHERE id = ?", t.id()))
                .isEqualTo("03:04:05.987000");
    }

    @Test
    void theNumberCarriesTheDayOfTheClocksTimeZone() {
        Instant lateEveningUtc = Instant.parse("2026-11-23T17:30:00Z");
        DbTicketService service = new DbTicketService(db, Clock.fixed(lateEveningUtc, BEIJING));

        assertThat(service.create(valid(), "agent1").number()).startsWith("T20261124-");
    }

    @Test
    void ticketNumbersAreUniqueAndFormatted() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            numbers.add(ticketing.tickets().create(valid(), "agent1").number());
        }

        assertThat(numbers).hasSize(5).allMatch(n -> n.matches("T\\d{8}-\\d{6}"));
    }

    @Test
    void priorityDefaultsToNormal() {
        Ticket t = ticketing.tickets().create(with(n -> new NewTicket(n.type(), n.category(), null, n.customerId(),
                n.productId(), n.callId(), n.serviceMode(), n.description())), "agent1");

        assertThat(t.priority()).isEqualTo(TicketPriority.NORMAL);
    }

    @Test
    void aTicketWithoutCustomerProductOrCallIsAccepted() {
        Ticket t = ticketing.tickets().create(new NewTicket(TicketType.CONSULTATION, "咨询", TicketPriority.LOW, null,
                null, null, ServiceMode.PHONE, "匿名来电咨询营业时间。"), "agent3");

        assertThat(t.customerId()).isNull();
        assertThat(t.productId()).isNull();
        assertThat(t.callId()).isNull();
    }

    @Test
    void aTicketNamingOnlyAProductIsAttachedToItsOwner() {
        Ticket t = ticketing.tickets().create(new NewTicket(TicketType.REPAIR, "电池", null, null, otherProduct.id(),
                null, ServiceMode.MAIL_IN, "电池鼓包。"), "agent3");

        assertThat(t.customerId()).isEqualTo(otherCustomer.id());
    }

    @Test
    void boundaryLengthsAreAccepted() {
        Ticket t = ticketing.tickets().create(new NewTicket(TicketType.CONSULTATION, "类".repeat(64), null, null, null,
                null, ServiceMode.PHONE, "述".repeat(4000)), "agent1");

        Ticket read = ticketing.tickets().find(t.id()).orElseThrow();
        assertThat(read.category()).hasSize(64);
        assertThat(read.description()).hasSize(4000);
    }

    @Test
    void aTicketForACallThatJustArrivedIsAccepted() {
        LocalEventBus bus = new LocalEventBus();
        try (Ticketing withRecorder = new Ticketing(db, clock)) {
            withRecorder.callRecorder().start(bus);
            bus.publish(new CallArrived("call-ticket-1", "13800001111", "400800", "PJSIP/trunk-1", NOW));

            Ticket t = withRecorder.tickets().create(with(n -> new NewTicket(n.type(), n.category(), n.priority(),
                    n.customerId(), n.productId(), "call-ticket-1", n.serviceMode(), n.description())), "agent1");
            withRecorder.callRecorder().awaitIdle(Duration.ofSeconds(10));

            assertThat(t.callId()).isEqualTo("call-ticket-1");
            assertThat(withRecorder.calls().find("call-ticket-1")).isPresent();
            Ticket again = ticketing.tickets().create(with(n -> new NewTicket(n.type(), n.category(), n.priority(),
                    n.customerId(), n.productId(), "call-ticket-1", n.serviceMode(), n.description())), "agent1");
            assertThat(again.callId()).isEqualTo("call-ticket-1");
        }
    }

    @Test
    void searchFiltersByCustomerAuthorAndStatusNewestFirst() {
        Customer c = ticketing.customers().create("薛宝钗", CustomerClass.ORDINARY, List.of("13800003333"));
        DbTicketService earlier = new DbTicketService(db, Clock.offset(clock, Duration.ofHours(-2)));
        Ticket first = earlier.create(forCustomer(c.id()), "agent4");
        Ticket second = ticketing.tickets().create(forCustomer(c.id()), "agent5");

        assertThat(ticketing.tickets().search(new TicketQuery(c.id(), null, null, 10))).containsExactly(second, first);
        assertThat(ticketing.tickets().search(new TicketQuery(c.id(), "agent4", Set.of(), 10))).containsExactly(first);
        assertThat(ticketing.tickets().search(new TicketQuery(c.id(), null, Set.of(TicketStatus.NEW), 1)))
                .containsExactly(second);
        assertThat(ticketing.tickets().search(new TicketQuery(c.id(), null, Set.of(TicketStatus.CLOSED), 10)))
                .isEmpty();
        assertThatThrownBy(() -> ticketing.tickets().search(new TicketQuery(c.id(), null, null, 0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void unknownTicketsAreEmptyOrNotFound() {
        assertThat(ticketing.tickets().find(987_654)).isEmpty();
        assertThatThrownBy(() -> ticketing.tickets().history(987_654)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMissingTypeIsRejected() {
        assertRejected("type", n -> new NewTicket(null, n.category(), n.priority(), n.customerId(), n.productId(),
                n.callId(), n.serviceMode(), n.description()));
    }

    @Test
    void aBlankCategoryIsRejected() {
        assertRejected("category", n -> new NewTicket(n.type(), "  ", n.priority(), n.customerId(), n.productId(),
                n.callId(), n.serviceMode(), n.description()));
    }

    @Test
    void aCategoryLongerThan64IsRejected() {
        assertRejected("category", n -> new NewTicket(n.type(), "类".repeat(65), n.priority(), n.customerId(),
                n.productId(), n.callId(), n.serviceMode(), n.description()));
    }

    @Test
    void aMissingDescriptionIsRejected() {
        assertRejected("description", n -> new NewTicket(n.type(), n.category(), n.priority(), n.customerId(),
                n.productId(), n.callId(), n.serviceMode(), null));
    }

    @Test
    void aDescriptionLongerThan4000IsRejected() {
        assertRejected("description", n -> new NewTicket(n.type(), n.category(), n.priority(), n.customerId(),
                n.productId(), n.callId(), n.serviceMode(), "述".repeat(4001)));
    }

    @Test
    void aMissingServiceModeIsRejected() {
        assertRejected("serviceMode", n -> new NewTicket(n.type(), n.category(), n.priority(), n.customerId(),
                n.productId(), n.callId(), null, n.description()));
    }

    @Test
    void anUnknownCustomerIsRejected() {
        assertRejected("customerId", n -> new NewTicket(n.type(), n.category(), n.priority(), 999_999L, null,
                n.callId(), n.serviceMode(), n.description()));
    }

    @Test
    void anUnknownProductIsRejected() {
        assertRejected("productId", n -> new NewTicket(n.type(), n.category(), n.priority(), n.customerId(),
                999_999L, n.callId(), n.serviceMode(), n.description()));
    }

    @Test
    void aProductOfAnotherCustomerIsRejected() {
        assertRejected("productId", n -> new NewTicket(n.type(), n.category(), n.priority(), n.customerId(),
                otherProduct.id(), n.callId(), n.serviceMode(), n.description()));
    }

    @Test
    void anUnknownCallIsRejected() {
        assertRejected("callId", n -> new NewTicket(n.type(), n.category(), n.priority(), n.customerId(),
                n.productId(), "no-such-call", n.serviceMode(), n.description()));
    }

    @Test
    void aMissingActorIsRejected() {
        long before = count("tickets");
        assertThatThrownBy(() -> ticketing.tickets().create(valid(), " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("actor"));
        assertThat(count("tickets")).isEqualTo(before);
    }

    private NewTicket forCustomer(long customerId) {
        return new NewTicket(TicketType.CONSULTATION, "使用咨询", null, customerId, null, null, ServiceMode.PHONE,
                "咨询保修政策。");
    }

    private NewTicket with(UnaryOperator<NewTicket> change) {
        return change.apply(valid());
    }

    private void assertRejected(String field, UnaryOperator<NewTicket> change) {
        long tickets = count("tickets");
        long events = count("ticket_events");

        assertThatThrownBy(() -> ticketing.tickets().create(with(change), "agent1"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(count("tickets")).isEqualTo(tickets);
        assertThat(count("ticket_events")).isEqualTo(events);
    }
}
