package org.hotline.console.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.console.auth.AuthConfig;
import org.hotline.console.security.RowCounts;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.MovableClock;
import org.hotline.console.testing.Stack;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public complaint form's API over real HTTP, without a login: a complaint becomes a NEW complaint ticket and
 * its number comes back; a known serial or phone links the customer; bad input is a 400 naming the field with nothing
 * written; a filled honeypot looks accepted but writes nothing; one address gets 5 complaints per 10 minutes (429
 * with Retry-After), other addresses are not affected; a page of another site cannot post. The console believes
 * X-Forwarded-For from loopback, so that each test speaks from an address of its own.
 */
class PublicComplaintTest {
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2027-01-15T02:00:00Z"));
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static Backend backend;
    private static Stack stack;
    private static Api api;

    @BeforeAll
    static void start() {
        backend = new Backend(CLOCK);
        stack = new Stack(backend, AuthConfig.DEFAULT.withTrustedProxies(Set.of("127.0.0.1")));
        api = stack.api;
    }

    @AfterAll
    static void stop() {
        stack.close();
        backend.close();
    }

    private static String newAddress() {
        return "203.0.113." + ADDRESSES.incrementAndGet();
    }

    private static Reply submit(String body, String from) {
        return submit(body, from, api.origin());
    }

    private static Reply submit(String body, String from, String origin) {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/api/public/complaints"))
                .timeout(Duration.ofSeconds(20))
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return api.send(request);
    }

    private static String complaint(String phone, String serial) {
        return json("name", "王女士", "phone", phone, "email", "wang@example.com",
                "description", "维修后手机仍然无法开机，已经第二次送修。", "productSerial", serial);
    }

    private static Object column(String sql, Object param) throws Exception {
        try (Connection c = backend.testDb.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, param);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    @Test
    void aPersonFilesAComplaintAndGetsTheNumberOfANewComplaintTicket() throws Exception {
        Reply r = submit(complaint("139 0000 1111", null), newAddress());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String number = r.json().path("number").asText();
        assertThat(number).matches("T20270115-\\d{6}");
        assertThat(column("SELECT `type` FROM tickets WHERE `number` = ?", number)).isEqualTo("COMPLAINT");
        assertThat(column("SELECT category FROM tickets WHERE `number` = ?", number)).isEqualTo("网上投诉");
        assertThat(column("SELECT created_by FROM tickets WHERE `number` = ?", number)).isEqualTo("web");
        assertThat(column("SELECT customer_id FROM tickets WHERE `number` = ?", number)).isNull();
        assertThat(column("SELECT c.phone FROM intake_contacts c JOIN tickets t ON t.id = c.ticket_id "
                + "WHERE t.`number` = ?", number)).isEqualTo("13900001111");
        assertThat(column("SELECT c.email FROM intake_contacts c JOIN tickets t ON t.id = c.ticket_id "
                + "WHERE t.`number` = ?", number)).isEqualTo("wang@example.com");
    }

    @Test
    void theSerialOfAKnownProductLinksTheProductAndItsOwner() throws Exception {
        Customer owner = backend.ticketing.customers().create("赵先生", CustomerClass.VIP, List.of("13911112222"));
        long product = backend.ticketing.customers().addProduct(owner.id(), "Mate 90", "SN-FORM-0001",
                LocalDate.of(2026, 3, 1), LocalDate.of(2028, 3, 1)).id();

        Reply r = submit(complaint("13000000000", "SN-FORM-0001"), newAddress());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String number = r.json().path("number").asText();
        assertThat(((Number) column("SELECT customer_id FROM tickets WHERE `number` = ?", number)).longValue())
                .isEqualTo(owner.id());
        assertThat(((Number) column("SELECT product_id FROM tickets WHERE `number` = ?", number)).longValue())
                .isEqualTo(product);
    }

    @Test
    void thePhoneOfAKnownCustomerLinksThatCustomer() throws Exception {
        Customer known = backend.ticketing.customers().create("钱女士", CustomerClass.ORDINARY,
                List.of("13922223333"));

        Reply r = submit(complaint("139-2222-3333", "SN-NOBODY-HAS"), newAddress());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(((Number) column("SELECT customer_id FROM tickets WHERE `number` = ?",
                r.json().path("number").asText())).longValue()).isEqualTo(known.id());
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        String from = newAddress();
        RowCounts before = RowCounts.of(backend.testDb);

        Reply phone = submit(complaint("call me", null), from);
        Reply email = submit(json("name", "A", "phone", "13900001111", "email", "not-an-address",
                "description", "x"), from);
        Reply description = submit(json("name", "A", "phone", "13900001111"), from);
        Reply serial = submit(complaint("13900001111", "SN 1; DROP TABLE tickets"), from);

        assertThat(phone.status()).isEqualTo(400);
        assertThat(phone.field()).isEqualTo("phone");
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.field()).isEqualTo("email");
        assertThat(description.status()).isEqualTo(400);
        assertThat(description.field()).isEqualTo("description");
        assertThat(serial.status()).isEqualTo(400);
        assertThat(serial.field()).isEqualTo("productSerial");
        assertThat(RowCounts.of(backend.testDb)).isEqualTo(before);
    }

    @Test
    void aFilledHoneypotIsAnsweredLikeAPersonButWritesNothingAndIsCounted() {
        RowCounts before = RowCounts.of(backend.testDb);
        long trappedBefore = backend.ticketing.intake().trapped();

        Reply r = submit(json("name", "bot", "phone", "13900001111", "description", "cheap watches",
                "website", "http://spam.example"), newAddress());

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("number").asText()).matches("T20270115-\\d{6}");
        assertThat(RowCounts.of(backend.testDb)).isEqualTo(before);
        assertThat(backend.ticketing.intake().trapped()).isEqualTo(trappedBefore + 1);
    }

    @Test
    void oneAddressGetsFiveComplaintsPerTenMinutesThen429WithRetryAfter() {
        String from = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(submit(complaint("13900001111", null), from).status()).isEqualTo(201);
        }

        Reply sixth = submit(complaint("13900001111", null), from);
        Reply elsewhere = submit(complaint("13900001111", null), newAddress());
        CLOCK.advance(Duration.ofMinutes(10));
        Reply later = submit(complaint("13900001111", null), from);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.header("Retry-After")).containsExactly("600");
        assertThat(sixth.error()).isNotBlank();
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(later.status()).isEqualTo(201);
    }

    @Test
    void aPageOfAnotherSiteCannotPostAComplaint() {
        RowCounts before = RowCounts.of(backend.testDb);

        Reply r = submit(complaint("13900001111", null), newAddress(), "http://evil.example");

        assertThat(r.status()).isEqualTo(403);
        assertThat(RowCounts.of(backend.testDb)).isEqualTo(before);
    }
}
