package org.hotline.ticketing.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real notification writer on the real calendars: a non-urgent notification waits for the working day. */
class BusinessHoursNotificationsTest extends ClockTestSupport {

    private Instant deliverAt(String user, boolean urgent, Instant at) {
        db.inTransaction(tx -> {
            ticketing.notificationWriter().toUsers(tx, List.of(user), "clock.warning", Map.of("number", "T1"), null,
                    urgent, at);
            return null;
        });
        return instantOf("SELECT deliver_at FROM notifications WHERE recipient = ? ORDER BY id DESC LIMIT 1", user);
    }

    @Test
    void aWarningOnTheLabourDayHolidayWaitsForTheFirstWorkingMorningUnlessItIsUrgent() {
        execInsert("INSERT INTO users (username, display_name, password_hash, created_at) VALUES "
                + "('office-handler', 'office-handler', 'x', NOW(3))");
        Instant holiday = beijing("2027-05-02T15:00");
        assertThat(deliverAt("office-handler", false, holiday)).isEqualTo(beijing("2027-05-06T09:00"));
        assertThat(deliverAt("office-handler", true, holiday)).isEqualTo(holiday);
    }

    @Test
    void aMemberOfASevenByTwentyFourDepartmentGetsItAtOnce() {
        department("hotline-night", "24x7", "night-engineer");
        Instant night = beijing("2027-05-02T03:00");
        assertThat(deliverAt("night-engineer", false, night)).isEqualTo(night);
    }
}
