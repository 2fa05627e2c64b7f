package org.hotline.console.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.hotline.platform.ticket.TicketType;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void instantsAlwaysCarryMilliseconds() {
        assertThat(Json.write(Map.of("at", Instant.parse("2026-11-23T08:15:30Z"))))
                .isEqualTo("{\"at\":\"2026-11-23T08:15:30.000Z\"}");
        assertThat(Json.write(Map.of("at", Instant.parse("2026-11-23T08:15:30.120Z"))))
                .isEqualTo("{\"at\":\"2026-11-23T08:15:30.120Z\"}");
    }

    @Test
    void datesAreIsoDates() {
        assertThat(Json.write(Map.of("d", LocalDate.of(2027, 1, 31)))).isEqualTo("{\"d\":\"2027-01-31\"}");
    }

    @Test
    void bodyFieldsAreReadWithTheirFieldNameInErrors() {
        JsonBody body = JsonBody.parse("{\"type\":\"repair\",\"n\":\"12\",\"bad\":\"x\",\"s\":\"  hi  \"}");

        assertThat(body.requiredEnum("type", TicketType.class)).isEqualTo(TicketType.REPAIR);
        assertThat(body.optionalLong("n")).isEqualTo(12L);
        assertThat(body.optionalText("s", 10)).isEqualTo("hi");
        assertThat(body.optionalText("missing", 10)).isNull();
        assertThatThrownBy(() -> body.optionalLong("bad"))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.field()).isEqualTo("bad"));
        assertThatThrownBy(() -> body.requiredText("missing", 10))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.field()).isEqualTo("missing"));
        assertThatThrownBy(() -> body.optionalText("s", 1))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void malformedOrNonObjectBodiesAreBadRequests() {
        assertThatThrownBy(() -> JsonBody.parse("{nope"))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> JsonBody.parse("[1,2]"))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
