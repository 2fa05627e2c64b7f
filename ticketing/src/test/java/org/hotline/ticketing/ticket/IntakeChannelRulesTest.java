package org.hotline.ticketing.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channel exemption of the complaint rules, one row per case: a complaint an agent takes (phone, front desk)
 * needs its class and a customer or contact phone; one that came in by itself (web form, email, letter) is classified
 * later by the complaint manager and may name only a contact email; nobody to answer is refused everywhere.
 */
class IntakeChannelRulesTest {
    static Stream<Arguments> rows() {
        Contact phone = new Contact("王女士", "13900001111", null);
        Contact email = new Contact("王女士", null, "wang@example.org");
        Contact nobody = new Contact("王女士", null, null);
        return Stream.of(
                Arguments.of(Channel.PHONE, null, phone, "complaintClass"),
                Arguments.of(Channel.FRONT_DESK, null, phone, "complaintClass"),
                Arguments.of(Channel.PHONE, ComplaintClass.SERVICE_QUALITY, email, "contactPhone"),
                Arguments.of(Channel.PHONE, ComplaintClass.SERVICE_QUALITY, phone, null),
                Arguments.of(Channel.WEB, null, phone, null),
                Arguments.of(Channel.EMAIL, null, email, null),
                Arguments.of(Channel.LETTER, null, phone, null),
                Arguments.of(Channel.EMAIL, null, nobody, "contactPhone"),
                Arguments.of(Channel.WEB, ComplaintClass.PRODUCT_QUALITY, phone, null));
    }

    @ParameterizedTest(name = "{0} complaint, class {1}, {2} -> refused on {3}")
    @MethodSource("rows")
    void aComplaintIsCheckedByTheWayItCameIn(Channel channel, ComplaintClass complaintClass, Contact contact,
                                              String refusedField) {
        NewTicket t = new NewTicket(TicketType.COMPLAINT, "投诉", TicketPriority.NORMAL, null, null, null,
                ServiceMode.PHONE, "维修质量差", complaintClass, Severity.NORMAL, channel, contact);
        if (refusedField == null) {
            assertThat(TicketRules.normalize(t).channel()).isEqualTo(channel);
        } else {
            assertThatThrownBy(() -> TicketRules.normalize(t)).isInstanceOf(ValidationException.class)
                    .extracting(e -> ((ValidationException) e).field()).isEqualTo(refusedField);
        }
    }
}
