package org.hotline.console.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Set;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.TicketQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text and numbers the API refuses (400 naming the field, nothing written): NUL and unpaired surrogates in any text,
 * a key given twice, a body that is not UTF-8, and digits other than ASCII ones in numeric parameters, which
 * Java's own parsers would take.
 */
class StrictInputTest extends StackTestBase {
    private static final String REST = "\"type\":\"CONSULTATION\",\"category\":\"billing\",\"serviceMode\":\"PHONE\"";

    private String agent;
    private String token;

    private void loggedIn() {
        agent = backend.newAgent();
        token = api.login(agent);
    }

    private boolean nothingWritten() {
        return backend.ticketing.tickets().search(new TicketQuery(null, agent, Set.of(), 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "\\ud800", "x\\udc00y", "\\ud83d"})
    void aNulOrAnUnpairedSurrogateInATextFieldIs400NamingIt(String escaped) {
        loggedIn();

        Reply r = api.post("/api/tickets", "{" + REST + ",\"description\":\"" + escaped + "\"}", token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("description");
        assertThat(r.error()).containsAnyOf("NUL", "surrogate");
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void aPairedSurrogateIsAnOrdinaryCharacter() {
        loggedIn();

        Reply r = api.post("/api/tickets", "{" + REST + ",\"description\":\"手机 \\ud83d\\udcf1 无法开机\"}", token);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("description").asText()).isEqualTo("手机 📱 无法开机");
    }

    @Test
    void aNulInAFieldNobodyReadsIsRefusedToo() {
        loggedIn();

        Reply r = api.post("/api/tickets", "{" + REST + ",\"description\":\"d\",\"extra\":[\"\\u0000\"]}", token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("extra");
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void aKeyGivenTwiceIs400NamingTheKey() {
        loggedIn();

        Reply r = api.post("/api/tickets",
                "{" + REST + ",\"description\":\"first\",\"description\":\"second\"}", token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("description");
        assertThat(r.error()).isEqualTo("duplicate key description");
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void aDuplicateLoginFieldIsRefusedBeforeAnyPasswordCheck() {
        Reply r = api.post("/api/login", "{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}", null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("username");
    }

    @Test
    void trailingContentAfterTheObjectIs400() {
        loggedIn();

        Reply r = api.post("/api/tickets", "{" + REST + ",\"description\":\"d\"} {\"x\":1}", token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void aBodyThatIsNotUtf8Is400() {
        loggedIn();
        byte[] head = ("{" + REST + ",\"description\":\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 5];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xED;
        body[head.length + 1] = (byte) 0xA0;
        body[head.length + 2] = (byte) 0x80;
        body[head.length + 3] = '"';
        body[head.length + 4] = '}';

        Reply r = api.send(api.request("/api/tickets", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).contains("UTF-8");
        assertThat(nothingWritten()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%EF%BC%91%EF%BC%92", "%D9%A1%D9%A2", "1%D9%A2", "%E0%A5%A7"})
    void nonAsciiDigitsInANumericQueryParameterAre400(String encodedDigits) {
        loggedIn();

        Reply limit = api.get("/api/tickets?limit=" + encodedDigits, token);
        Reply customer = api.get("/api/tickets?customerId=" + encodedDigits, token);

        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.field()).isEqualTo("limit");
        assertThat(customer.status()).isEqualTo(400);
        assertThat(customer.field()).isEqualTo("customerId");
    }

    @Test
    void nonAsciiDigitsInAPathIdAre400AndAsciiOnesStillWork() {
        loggedIn();
        Customer customer = backend.newCustomer("王五", CustomerClass.ORDINARY);

        Reply fullWidth = api.get("/api/customers/" + fullWidth(customer.id()), token);
        Reply ascii = api.get("/api/customers/" + customer.id(), token);
        Reply callback = api.post("/api/callbacks/%D9%A1/claim", "{}", token);

        assertThat(fullWidth.status()).isEqualTo(400);
        assertThat(fullWidth.field()).isEqualTo("id");
        assertThat(ascii.status()).isEqualTo(200);
        assertThat(callback.status()).isEqualTo(400);
        assertThat(callback.field()).isEqualTo("id");
    }

    @Test
    void nonAsciiDigitsInAJsonNumberStringAre400() {
        loggedIn();
        Customer customer = backend.newCustomer("赵六", CustomerClass.ORDINARY);

        Reply r = api.post("/api/tickets", "{" + REST + ",\"description\":\"d\",\"customerId\":\""
                + fullWidthText(customer.id()) + "\"}", token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("customerId");
        assertThat(nothingWritten()).isTrue();
    }

    @Test
    void aNulInATextQueryParameterIs400NamingIt() {
        loggedIn();

        Reply r = api.get("/api/customers?q=%E5%BC%A0%00", token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("q");
    }

    private static String fullWidthText(long n) {
        StringBuilder out = new StringBuilder();
        String.valueOf(n).chars().forEach(c -> out.append((char) ('０' + (c - '0'))));
        return out.toString();
    }

    private static String fullWidth(long n) {
        return java.net.URLEncoder.encode(fullWidthText(n), java.nio.charset.StandardCharsets.UTF_8);
    }
}
