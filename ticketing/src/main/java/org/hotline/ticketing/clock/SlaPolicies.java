package org.hotline.ticketing.clock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.user.Role;

/**
 * The SLA policies as data ({@code sla-policies.txt} beside this class): per clock, targets chosen by ticket type,
 * complaint class, severity, priority and customer class (first matching line wins), whether the target counts
 * business or wall time, and the escalation ladder relative to the deadline. Kept in a versioned file so that a
 * change of service level is reviewed like code and every clock records the {@code name@version} it got.
 */
public final class SlaPolicies {
    public enum Basis { BUSINESS, WALL }

    public enum Action { WARN, NOTIFY, ESCALATE }

    /** The target a clock gets: {@code policy} is {@code name@version}. */
    public record Target(String policy, Duration duration, Basis basis) {
    }

    /** One ladder step: {@code offset} from the deadline (negative: before it) in the clock's basis. */
    public record Step(int index, Duration offset, Action action, String target) {
    }

    private record Rule(String name, ClockName clock, String[] match, Duration duration, Basis basis) {
        boolean matches(ClockSubject s) {
            return ok(match[0], s.type()) && ok(match[1], s.complaintClass()) && ok(match[2], s.severity())
                    && ok(match[3], s.priority()) && ok(match[4], s.customerClass());
        }

        private static boolean ok(String pattern, Enum<?> value) {
            return pattern.equals("*") || value != null && value.name().equals(pattern);
        }
    }

    private static final Pattern DURATION = Pattern.compile("([+-])?(?:(\\d+)h)?(?:(\\d+)m)?");

    private final int version;
    private final List<Rule> rules;
    private final Map<ClockName, List<Step>> ladders;

    private SlaPolicies(int version, List<Rule> rules, Map<ClockName, List<Step>> ladders) {
        this.version = version;
        this.rules = List.copyOf(rules);
        this.ladders = ladders;
        for (ClockName c : ClockName.values()) {
            if (rules.stream().noneMatch(r -> r.clock() == c && String.join("", r.match()).equals("*****"))) {
                throw new IllegalArgumentException("SLA policies need a catch-all target for " + c);
            }
        }
    }

    /** The policies shipped with Hotline. */
    public static SlaPolicies standard() {
        try (InputStream in = SlaPolicies.class.getResourceAsStream("sla-policies.txt")) {
            if (in == null) {
                throw new IllegalStateException("sla-policies.txt is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the policy file format (see {@code sla-policies.txt}); a bad line fails naming its number. */
    public static SlaPolicies parse(String text) {
        int version = 0;
        List<Rule> rules = new ArrayList<>();
        Map<ClockName, List<Step>> ladders = new EnumMap<>(ClockName.class);
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\\s+");
                try {
                    switch (f[0]) {
                        case "version" -> version = Integer.parseInt(f[1]);
                        case "target" -> {
                            require(f, 10);
                            rules.add(new Rule(f[1], ClockName.valueOf(f[2]),
                                    new String[] {f[3], f[4], f[5], f[6], f[7]}, duration(f[8]), Basis.valueOf(f[9])));
                        }
                        case "ladder" -> {
                            require(f, 5);
                            ClockName clock = ClockName.valueOf(f[1]);
                            String target = f[4];
                            if (target.startsWith("ROLE:")) {
                                Role.valueOf(target.substring(5));
                            } else if (!target.equals("ASSIGNEE") && !target.equals("DEPARTMENT_MANAGERS")) {
                                throw new IllegalArgumentException("unknown target " + target);
                            }
                            List<Step> steps = ladders.computeIfAbsent(clock, c -> new ArrayList<>());
                            steps.add(new Step(steps.size(), duration(f[2]), Action.valueOf(f[3]), target));
                        }
                        default -> throw new IllegalArgumentException("unknown line kind " + f[0]);
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("sla-policies line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (version <= 0) {
            throw new IllegalArgumentException("sla-policies: a 'version N' line is required");
        }
        ladders.replaceAll((c, s) -> List.copyOf(s));
        return new SlaPolicies(version, rules, ladders);
    }

    private static void require(String[] f, int n) {
        if (f.length != n) {
            throw new IllegalArgumentException("expected " + n + " fields, got " + f.length);
        }
    }

    static Duration duration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(2) == null && m.group(3) == null) {
            throw new IllegalArgumentException("bad duration " + text + " (e.g. 15m, 4h, -30m, 2h30m)");
        }
        Duration d = Duration.ofHours(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                .plusMinutes(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        return "-".equals(m.group(1)) ? d.negated() : d;
    }

    public int version() {
        return version;
    }

    /** The target of {@code clock} for a ticket like {@code subject}. */
    public Target target(ClockSubject subject, ClockName clock) {
        for (Rule r : rules) {
            if (r.clock() == clock && r.matches(subject)) {
                return new Target(r.name() + "@" + version, r.duration(), r.basis());
            }
        }
        throw new IllegalStateException("no catch-all target for " + clock); // excluded by the constructor
    }

    /** The escalation ladder of {@code clock} (possibly empty). */
    public List<Step> ladder(ClockName clock) {
        return ladders.getOrDefault(clock, List.of());
    }
}
