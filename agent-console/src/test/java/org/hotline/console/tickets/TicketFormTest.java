package org.hotline.console.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.junit.jupiter.api.Test;

class TicketFormTest {
    private static NewTicket parse(String json) {
        return TicketForm.parse(JsonBody.parse(json));
    }

    private static String fieldOf(String json) {
        try {
            parse(json);
        } catch (HttpError e) {
            return e.field();
        }
        throw new AssertionError("expected a 400 for " + json);
    }

    @Test
    void aCompleteFormBecomesANewTicketWithCaseInsensitiveEnums() {
        NewTicket t = parse("""
                {"type":"repair","category":"无法开机","priority":"high","customerId":7,"productId":"9",
                 "callId":"c-1","serviceMode":"carry_in","description":"手机无法开机"}""");

        assertThat(t).isEqualTo(new NewTicket(TicketType.REPAIR, "无法开机", TicketPriority.HIGH, 7L, 9L, "c-1",
                ServiceMode.CARRY_IN, "手机无法开机"));
    }

    @Test
    void priorityDefaultsToNormalAndOptionalLinksMayBeAbsent() {
        NewTicket t = parse("{\"type\":\"CONSULTATION\",\"category\":\"billing\",\"serviceMode\":\"PHONE\","
                + "\"description\":\"question\"}");

        assertThat(t.priority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(t.customerId()).isNull();
        assertThat(t.callId()).isNull();
    }

    @Test
    void eachProblemNamesItsField() {
        String ok = "\"category\":\"c\",\"serviceMode\":\"PHONE\",\"description\":\"d\"";
        assertThat(fieldOf("{" + ok + "}")).isEqualTo("type");
        assertThat(fieldOf("{\"type\":\"REFUND\"," + ok + "}")).isEqualTo("type");
        assertThat(fieldOf("{\"type\":\"REPAIR\",\"serviceMode\":\"PHONE\",\"category\":\"c\"}"))
                .isEqualTo("description");
        assertThat(fieldOf("{\"type\":\"REPAIR\"," + ok + ",\"priority\":\"asap\"}")).isEqualTo("priority");
        assertThat(fieldOf("{\"type\":\"REPAIR\"," + ok + ",\"customerId\":\"abc\"}")).isEqualTo("customerId");
        assertThat(fieldOf("{\"type\":\"REPAIR\",\"category\":\"c\",\"serviceMode\":\"TELEPORT\","
                + "\"description\":\"d\"}")).isEqualTo("serviceMode");
    }
}
