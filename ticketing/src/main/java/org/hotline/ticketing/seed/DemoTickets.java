package org.hotline.ticketing.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.Times;
import org.hotline.platform.customer.Product;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ActionRequest;
import org.hotline.platform.user.User;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.ticket.DbTicketService;
import org.hotline.ticketing.workflow.DbTicketDesk;

/**
 * The demo's back office: tickets in every state of every workflow ({@code demo-tickets.txt}), made by creating them
 * in the past and taking the workflow's own actions as the demo accounts, so that their history, clocks and
 * notifications are real and the old ones show as overdue or stalled. Idempotent: a ticket whose customer already has
 * one with the same description is skipped. Needs the workflow started ({@link Ticketing#workflow}).
 */
public final class DemoTickets {
    private static final String RESOURCE = "demo-tickets.txt";
    private static final Duration STEP = Duration.ofMinutes(40);
    private static final Duration TODAY = Duration.ofHours(2);
    private static final int SCAN_LIMIT = 1000;

    /** One scripted step: {@code action} by {@code user} with {@code fields}. */
    record Step(String action, String user, Map<String, String> fields) {
    }

    /** One scripted ticket. */
    record Scenario(String customerKey, TicketType type, ComplaintClass complaintClass, Severity severity,
                    String category, int daysAgo, String description, List<Step> steps) {
    }

    private DemoTickets() {
    }

    /** Creates the scripted tickets that do not exist yet; how many. */
    public static int apply(Ticketing t, DbTicketDesk desk, Map<String, Long> customerIds) {
        int created = 0;
        for (Scenario s : load()) {
            Long customerId = customerIds.get(s.customerKey());
            if (customerId == null) {
                throw new IllegalStateException("demo ticket names unknown customer " + s.customerKey());
            }
            boolean exists = t.tickets().search(new TicketQuery(customerId, null, Set.of(), SCAN_LIMIT)).stream()
                    .anyMatch(x -> x.description().equals(s.description()));
            if (!exists) {
                play(t, desk, s, customerId);
                created++;
            }
        }
        return created;
    }

    private static void play(Ticketing t, DbTicketDesk desk, Scenario s, long customerId) {
        Instant at = Times.now(t.clock()).minus(s.daysAgo() == 0 ? TODAY : Duration.ofDays(s.daysAgo()));
        Clock then = Clock.fixed(at, t.clock().getZone());
        DbTicketService past = new DbTicketService(t.database(), then);
        past.onCreation(desk.withClock(then));
        Long productId = null;
        String model = null;
        String serial = null;
        if (s.type() == TicketType.REPAIR) {
            List<Product> products = t.customers().products(customerId);
            productId = products.isEmpty() ? null : products.getFirst().id();
            model = productId == null ? "demo" : null;
            serial = productId == null ? "DEMO-" + customerId : null;
        }
        String agent = s.steps().isEmpty() ? "agent1" : firstAgent(s);
        Ticket ticket = past.create(new NewTicket(s.type(), s.category(), TicketPriority.NORMAL, customerId, productId,
                null, s.type() == TicketType.REPAIR ? ServiceMode.CARRY_IN : ServiceMode.PHONE, s.description(),
                s.complaintClass(), s.severity(), Channel.PHONE, null, model, serial), agent);
        for (Step step : s.steps()) {
            at = at.plus(STEP);
            Instant stepAt = at;
            User user = t.users().find(step.user()).orElseThrow(() ->
                    new IllegalStateException("demo ticket step names unknown user " + step.user()));
            Map<String, Object> fields = new LinkedHashMap<>();
            step.fields().forEach((k, v) -> fields.put(k, value(k, v, stepAt)));
            long version = t.tickets().find(ticket.id()).orElseThrow().version();
            ActionOutcome outcome = desk.withClock(Clock.fixed(stepAt, t.clock().getZone()))
                    .act(ticket.id(), new ActionRequest(step.action(), version, fields), user);
            if (!(outcome instanceof ActionOutcome.Done)) {
                throw new IllegalStateException("demo ticket " + s.description() + ": " + step + " → " + outcome);
            }
        }
    }

    /** The agent who took the call: the user of the first step when that is an agent, else agent1. */
    private static String firstAgent(Scenario s) {
        String first = s.steps().getFirst().user();
        return first.startsWith("agent") ? first : "agent1";
    }

    private static Object value(String field, String raw, Instant at) {
        if (field.equals("departments")) {
            return Arrays.asList(raw.split("\\+"));
        }
        return raw.equals("now") ? at.toString() : raw;
    }

    static List<Scenario> load() {
        try (InputStream in = DemoTickets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo data resource " + RESOURCE + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Scenario> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length != 9 || !f[0].equals("ticket")) {
                    throw new IllegalStateException("bad demo ticket line: " + line);
                }
                out.add(new Scenario(f[1], TicketType.valueOf(f[2]),
                        f[3].isEmpty() ? null : ComplaintClass.valueOf(f[3]),
                        f[4].isEmpty() ? null : Severity.valueOf(f[4]), f[5], Integer.parseInt(f[6]), f[7],
                        steps(f[8])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo tickets", e);
        }
    }

    /** {@code action@user{k=v,k=v} ; action@user} → steps. */
    static List<Step> steps(String text) {
        List<Step> steps = new ArrayList<>();
        if (text.isBlank()) {
            return steps;
        }
        for (String part : text.split(" ; ")) {
            String p = part.strip();
            int brace = p.indexOf('{');
            String head = brace < 0 ? p : p.substring(0, brace);
            Map<String, String> fields = new LinkedHashMap<>();
            if (brace >= 0) {
                for (String kv : p.substring(brace + 1, p.length() - 1).split(",")) {
                    int eq = kv.indexOf('=');
                    fields.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
                }
            }
            String[] au = head.split("@");
            steps.add(new Step(au[0].strip(), au[1].strip(), fields));
        }
        return steps;
    }
}
