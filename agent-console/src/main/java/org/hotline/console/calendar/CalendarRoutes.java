package org.hotline.console.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.auth.ClientAddress;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.calendar.CalendarDefinition;
import org.hotline.platform.calendar.CalendarDefinition.DayKind;
import org.hotline.platform.calendar.CalendarDefinition.ExceptionDay;
import org.hotline.platform.calendar.CalendarDefinition.Period;
import org.hotline.platform.calendar.Calendars;
import org.hotline.platform.calendar.Calendars.SaveOutcome;

/**
 * The business calendars for administrators: {@code GET /api/admin/calendars} lists them, {@code PUT
 * /api/admin/calendars/:code} creates or replaces one. Periods travel as {@code ["09:00","18:00"]} ("24:00" ends a
 * day); this edge only parses and renders, the {@link Calendars} port validates, saves and audits.
 */
public final class CalendarRoutes {
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)");

    private final Calendars calendars;
    private final ClientAddress addresses;
    private final Blocking blocking;

    public CalendarRoutes(Calendars calendars, ClientAddress addresses, Blocking blocking) {
        this.calendars = calendars;
        this.addresses = addresses;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.get("/api/admin/calendars").handler(Responses.ok(this::list));
        router.put("/api/admin/calendars/:code").handler(Responses.ok(this::save));
    }

    private Future<Map<String, Object>> list(RoutingContext rc) {
        return blocking.run(() -> Map.of("calendars", calendars.all().stream().map(CalendarRoutes::render).toList()));
    }

    private Future<Map<String, Object>> save(RoutingContext rc) {
        String code = rc.pathParam("code");
        JsonBody body = JsonBody.of(rc);
        String bodyCode = body.optionalText("code", 32);
        if (bodyCode != null && !bodyCode.equals(code)) {
            throw HttpError.badRequest("code", "code in the body differs from the address");
        }
        CalendarDefinition def = new CalendarDefinition(code, body.requiredText("name", 100),
                body.requiredText("zone", 64), week(body.optionalNode("week")), days(body.optionalNode("days")));
        String admin = AuthHandler.user(rc).username();
        String address = addresses.of(rc.request());
        return blocking.run(() -> switch (calendars.save(admin, address, def)) {
            case SaveOutcome.Saved saved -> render(saved.calendar());
            case SaveOutcome.Invalid invalid -> throw HttpError.badRequest(invalid.field(), invalid.message());
        });
    }

    private static Map<DayOfWeek, List<Period>> week(JsonNode week) {
        if (week == null || !week.isObject()) {
            throw HttpError.badRequest("week", "week is required: {\"MONDAY\":[[\"09:00\",\"18:00\"]], …}");
        }
        Map<DayOfWeek, List<Period>> out = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, JsonNode> e : week.properties()) {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw HttpError.badRequest("week", "week: unknown weekday " + clip(e.getKey()));
            }
            String field = "week." + day;
            if (!e.getValue().isArray()) {
                throw HttpError.badRequest(field, field + " must be a list of [\"HH:mm\",\"HH:mm\"] periods");
            }
            List<Period> periods = new ArrayList<>();
            for (JsonNode p : e.getValue()) {
                if (!p.isArray() || p.size() != 2) {
                    throw HttpError.badRequest(field, field + " must be a list of [\"HH:mm\",\"HH:mm\"] periods");
                }
                periods.add(new Period(minutes(field, p.get(0)), minutes(field, p.get(1))));
            }
            out.put(day, periods);
        }
        return out;
    }

    private static int minutes(String field, JsonNode time) {
        Matcher m = time.isTextual() ? TIME.matcher(time.textValue()) : null;
        if (m == null || !m.matches()) {
            throw HttpError.badRequest(field, field + ": times are HH:mm (00:00 to 24:00)");
        }
        int minutes = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        if (minutes > 1440) {
            throw HttpError.badRequest(field, field + ": times are HH:mm (00:00 to 24:00)");
        }
        return minutes;
    }

    private static List<ExceptionDay> days(JsonNode days) {
        if (days == null) {
            return List.of();
        }
        if (!days.isArray()) {
            throw HttpError.badRequest("days", "days must be a list of {date, kind, name}");
        }
        List<ExceptionDay> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            JsonNode d = days.get(i);
            String field = "days[" + i + "]";
            if (!d.isObject()) {
                throw HttpError.badRequest(field, field + " must be {date, kind, name}");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(d.path("date").asText(""));
            } catch (DateTimeParseException e) {
                throw HttpError.badRequest(field + ".date", field + ".date must be YYYY-MM-DD");
            }
            DayKind kind;
            try {
                kind = DayKind.valueOf(d.path("kind").asText(""));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest(field + ".kind", field + ".kind must be HOLIDAY or WORKDAY");
            }
            out.add(new ExceptionDay(date, kind, d.path("name").isTextual() ? d.path("name").textValue() : null));
        }
        return out;
    }

    static Map<String, Object> render(CalendarDefinition c) {
        Map<String, Object> week = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d.name(), c.week().getOrDefault(d, List.of()).stream()
                    .map(p -> List.of(time(p.startMinute()), time(p.endMinute()))).toList());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", c.code());
        out.put("name", c.name());
        out.put("zone", c.zone());
        out.put("week", week);
        out.put("days", c.days().stream().map(d -> Map.of("date", d.date().toString(), "kind", d.kind().name(),
                "name", d.name())).toList());
        return out;
    }

    private static String time(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    private static String clip(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
