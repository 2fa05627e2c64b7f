package org.hotline.console.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.Test;

/** The admins' calendar API over real HTTP against the real calendars in MariaDB. */
class CalendarRoutesTest extends StackTestBase {
    private static final String NORTH = """
            {"code":"north","name":"北方服务站","zone":"Asia/Shanghai",
             "week":{"MONDAY":[["08:00","12:00"],["13:00","17:00"]],"SATURDAY":[["09:00","24:00"]]},
             "days":[{"date":"2027-02-06","kind":"HOLIDAY","name":"春节"},
                     {"date":"2027-02-14","kind":"WORKDAY","name":"春节调休上班"}]}""";

    private String admin() {
        return api.login(backend.newUser("cal-admin", Set.of(Role.ADMIN), Set.of()));
    }

    private static JsonNode calendar(Reply list, String code) {
        for (JsonNode c : list.json().path("calendars")) {
            if (c.path("code").asText().equals(code)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void anAdminReadsTheShippedCalendarsWithTheirHolidays() {
        Reply r = api.get("/api/admin/calendars", admin());
        assertThat(r.status()).isEqualTo(200);
        JsonNode def = calendar(r, "default");
        assertThat(def.path("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(def.path("week").path("MONDAY").toString()).isEqualTo("[[\"09:00\",\"18:00\"]]");
        assertThat(def.path("week").path("SUNDAY").size()).isZero();
        assertThat(def.path("days").findValuesAsText("date")).contains("2027-02-06", "2027-05-08");
        assertThat(def.path("days").findValuesAsText("name")).contains("春节", "国庆节", "劳动节调休上班");
        assertThat(calendar(r, "24x7").path("week").path("SUNDAY").toString()).isEqualTo("[[\"00:00\",\"24:00\"]]");
    }

    @Test
    void anAdminSavesACalendarAndReadsItBackAndTheSaveIsAudited() {
        String token = admin();
        Reply saved = api.send("PUT", "/api/admin/calendars/north", NORTH, token);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("week").path("MONDAY").toString())
                .isEqualTo("[[\"08:00\",\"12:00\"],[\"13:00\",\"17:00\"]]");
        JsonNode north = calendar(api.get("/api/admin/calendars", token), "north");
        assertThat(north.path("name").asText()).isEqualTo("北方服务站");
        assertThat(north.path("days").size()).isEqualTo(2);
        assertThat(north.path("week").path("SATURDAY").toString()).isEqualTo("[[\"09:00\",\"24:00\"]]");
        assertThat(backend.ticketing.audit().recent("calendar.save", null, 10))
                .anySatisfy(e -> assertThat(e.target()).isEqualTo("calendar:north"));
    }

    @Test
    void badCalendarsAre400NamingTheFieldAndChangeNothing() {
        String token = admin();
        assertField(api.send("PUT", "/api/admin/calendars/bad", NORTH.replace("\"north\"", "\"bad\"")
                .replace("\"13:00\",\"17:00\"", "\"13:00\",\"12:30\""), token), "week.MONDAY");
        assertField(api.send("PUT", "/api/admin/calendars/bad", "{\"name\":\"x\",\"zone\":\"Asia/Shanghai\","
                + "\"week\":{\"MONDAY\":[[\"9:00\",\"18:00\"]]}}", token), "week.MONDAY");
        assertField(api.send("PUT", "/api/admin/calendars/bad", "{\"name\":\"x\",\"zone\":\"Nowhere/City\","
                + "\"week\":{\"MONDAY\":[[\"09:00\",\"18:00\"]]}}", token), "zone");
        assertField(api.send("PUT", "/api/admin/calendars/bad", "{\"name\":\"x\",\"zone\":\"Asia/Shanghai\","
                + "\"week\":{\"MONDAY\":[[\"09:00\",\"18:00\"]]},\"days\":[{\"date\":\"2027-13-01\","
                + "\"kind\":\"HOLIDAY\",\"name\":\"x\"}]}", token), "days[0].date");
        assertField(api.send("PUT", "/api/admin/calendars/bad", "{\"zone\":\"Asia/Shanghai\","
                + "\"week\":{\"MONDAY\":[[\"09:00\",\"18:00\"]]}}", token), "name");
        assertField(api.send("PUT", "/api/admin/calendars/Bad%20Code", "{\"name\":\"x\",\"zone\":\"Asia/Shanghai\","
                + "\"week\":{\"MONDAY\":[[\"09:00\",\"18:00\"]]}}", token), "code");
        assertThat(calendar(api.get("/api/admin/calendars", token), "bad")).isNull();
    }

    @Test
    void onlyAdministratorsReachTheCalendars() {
        String agent = api.login(backend.newAgent());
        assertThat(api.get("/api/admin/calendars", agent).status()).isEqualTo(403);
        assertThat(api.send("PUT", "/api/admin/calendars/north", NORTH, agent).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/calendars", null).status()).isEqualTo(401);
    }

    private static void assertField(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.field()).as(r.body()).isEqualTo(field);
    }
}
