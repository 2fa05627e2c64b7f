package org.hotline.console.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.http.HttpRequest;
import java.util.List;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.LogCapture;
import org.hotline.console.testing.RawHttp;
import org.hotline.console.testing.StackTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Requests the server cannot make sense of get a 4xx with the API's JSON error body, never a 500, and leave at most
 * one short line in the log (a client must not be able to flood it with stack traces).
 */
class MalformedRequestTest extends StackTestBase {

    private RawHttp.Response get(String target) {
        return RawHttp.exchange(api.port(), RawHttp.get(target, "127.0.0.1:" + api.port()));
    }

    private static void assertJsonError(RawHttp.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().path("error").asText()).isNotBlank();
        assertThat(r.json().has("field")).isTrue();
    }

    private static void assertAtMostOneShortLine(List<ILoggingEvent> events) {
        assertThat(events).hasSizeLessThanOrEqualTo(1);
        for (ILoggingEvent e : events) {
            assertThat(e.getThrowableProxy()).as("a stack trace was logged: %s", e.getFormattedMessage()).isNull();
            assertThat(e.getFormattedMessage()).hasSizeLessThan(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%ZZ", "/api/customers/%ZZ", "/api/customers?q=%ZZ", "/api/calls?limit=%", "/%",
        "/api/health?x=%E", "/api/tickets/%C3%28", "/index.html?q=%ED%A0%80"})
    void aMalformedEscapeIs400JsonWithAtMostOneShortLogLine(String target) {
        String token = api.login(backend.newAgent());
        RawHttp.Response r;
        try (LogCapture log = new LogCapture()) {
            r = RawHttp.exchange(api.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + api.port()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
            assertAtMostOneShortLine(log.events());
        }
        assertJsonError(r, 400);
        assertThat(r.json().path("error").asText()).contains("URL");
    }

    @Test
    void aHundredMalformedRequestsLeaveTheLogAsItWas() {
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                assertThat(get("/api/customers/%ZZ" + i).status()).isEqualTo(400);
            }
            assertThat(log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)))
                    .isEmpty();
        }
    }

    @Test
    void aRawNonAsciiByteInTheUrlIs400Json() {
        RawHttp.Response r = RawHttp.exchange(api.port(), "GET /api/customers?q=张三 HTTP/1.1\r\nHost: 127.0.0.1:"
                + api.port() + "\r\nConnection: close\r\n\r\n");

        assertJsonError(r, 400);
    }

    @Test
    void aWellFormedEscapeStillWorks() {
        String token = api.login(backend.newAgent());

        Reply r = api.get("/api/customers?q=%E5%BC%A0", token);

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void anOverLongRequestLineIs414WithTheJsonBody() {
        RawHttp.Response r = get("/api/health?q=" + "a".repeat(5000));

        assertJsonError(r, 414);
        assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void overLargeHeadersAre431WithTheJsonBody() {
        RawHttp.Response r = RawHttp.exchange(api.port(), "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:" + api.port()
                + "\r\nX-Big: " + "b".repeat(9000) + "\r\nConnection: close\r\n\r\n");

        assertJsonError(r, 431);
    }

    @Test
    void anUnparsableRequestIs400WithTheJsonBody() {
        RawHttp.Response r = RawHttp.exchange(api.port(), "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:" + api.port()
                + "\r\nthis is not a header\r\nContent-Length: x\r\n\r\n");

        assertJsonError(r, 400);
    }

    @Test
    void anOverLargeBodyIs413WithTheJsonBody() {
        String token = api.login(backend.newAgent());
        String big = "{\"description\":\"" + "x".repeat(70 * 1024) + "\"}";

        Reply r = api.send(api.request("/api/tickets", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build());

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).singleElement().asString().startsWith("application/json");
        assertThat(r.error()).isEqualTo("request body too large");
    }

    @Test
    void anUnknownApiPathAndAWrongMethodAnswerJson() {
        String token = api.login(backend.newAgent());

        Reply unknown = api.get("/api/no-such-thing", token);
        Reply wrongMethod = api.send("DELETE", "/api/me", null, token);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isNotBlank();
        assertThat(wrongMethod.status()).isBetween(400, 499);
        assertThat(wrongMethod.error()).isNotBlank();
    }
}
