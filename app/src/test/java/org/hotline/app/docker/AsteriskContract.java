package org.hotline.app.docker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hotline.cti.asterisk.agi.AgiCallChannel;
import org.hotline.cti.asterisk.agi.HotlineAgiServer;

/**
 * What the Java side (cti-adapter's FastAGI server and AMI gateway) needs from Asterisk's configuration, as checks
 * on parsed files. Every check throws an {@link AssertionError} naming the file, the section and what is missing,
 * so that deleting a line from docker/asterisk/*.conf fails the build with a message a maintainer can act on.
 */
final class AsteriskContract {
    private AsteriskContract() {
    }

    /**
     * An AMI action's privilege: Asterisk runs it when the manager.conf user's {@code write} has ANY of these classes
     * (no class: every logged-in user may run it). From the {@code ast_manager_register_xml*()} line of the action.
     */
    record Privilege(Set<String> anyOf, String source) {
        static Privilege of(String source, String... classes) {
            return new Privilege(new LinkedHashSet<>(Arrays.asList(classes)), source);
        }
    }

    /**
     * The AMI actions Hotline sends (or might) and the class(es) Asterisk registers them with. Sources, read in
     * github.com/asterisk/asterisk (main/manager.c at commit 61c42daf, a 13.x-era revision, and the stored
     * revisions of the other files; not re-read on the 22 branch the lab runs):
     * <ul>
     * <li>main/manager.c {@code __init_manager()}: {@code ast_manager_register_xml_core("Ping", 0, ...)} (also
     * Login, Challenge, Logoff, Events: 0); {@code "Hangup", EVENT_FLAG_SYSTEM | EVENT_FLAG_CALL};
     * {@code "Atxfer", EVENT_FLAG_CALL}; {@code "BlindTransfer", EVENT_FLAG_CALL}; {@code "Redirect",
     * EVENT_FLAG_CALL}; {@code "Setvar", EVENT_FLAG_CALL}; {@code "Getvar", EVENT_FLAG_CALL | EVENT_FLAG_REPORTING};
     * {@code "Status", EVENT_FLAG_SYSTEM | EVENT_FLAG_CALL | EVENT_FLAG_REPORTING}; {@code "Originate",
     * EVENT_FLAG_ORIGINATE}; {@code "CoreSettings", EVENT_FLAG_SYSTEM | EVENT_FLAG_REPORTING};
     * {@code "CoreStatus", EVENT_FLAG_SYSTEM | EVENT_FLAG_REPORTING}; {@code "CoreShowChannels", EVENT_FLAG_SYSTEM |
     * EVENT_FLAG_REPORTING}; {@code "UserEvent", EVENT_FLAG_USER};</li>
     * <li>res/res_mutestream.c {@code load_module()}: {@code ast_manager_register_xml("MuteAudio", EVENT_FLAG_SYSTEM,
     * manager_mutestream)} - system ONLY (hold mutes the caller with it);</li>
     * <li>apps/app_mixmonitor.c {@code load_module()}: {@code "MixMonitor", EVENT_FLAG_SYSTEM} (system only: its
     * options can run a shell command), {@code "StopMixMonitor", EVENT_FLAG_SYSTEM | EVENT_FLAG_CALL},
     * {@code "MixMonitorMute", EVENT_FLAG_SYSTEM | EVENT_FLAG_CALL};</li>
     * <li>res/res_manager_devicestate.c {@code load_module()}: {@code "DeviceStateList", EVENT_FLAG_CALL |
     * EVENT_FLAG_REPORTING}.</li>
     * </ul>
     * manager.c's action dispatch allows an action when {@code (writeperm & authority) || authority == 0}. On top of
     * its class, {@code action_originate()} refuses an {@code Application} whose name contains system, exec, agi,
     * mixmonitor or externalivr (or Data containing SHELL / EVAL) unless the user also has {@code system}: see
     * {@link #RESTRICTED_ORIGINATE_APPLICATIONS}.
     */
    static final Map<String, Privilege> AMI_ACTIONS = Map.ofEntries(
            Map.entry("Login", Privilege.of("main/manager.c")),
            Map.entry("Challenge", Privilege.of("main/manager.c")),
            Map.entry("Logoff", Privilege.of("main/manager.c")),
            Map.entry("Ping", Privilege.of("main/manager.c")),
            Map.entry("Events", Privilege.of("main/manager.c")),
            Map.entry("Originate", Privilege.of("main/manager.c", "originate")),
            Map.entry("Hangup", Privilege.of("main/manager.c", "system", "call")),
            Map.entry("Atxfer", Privilege.of("main/manager.c", "call")),
            Map.entry("BlindTransfer", Privilege.of("main/manager.c", "call")),
            Map.entry("Redirect", Privilege.of("main/manager.c", "call")),
            Map.entry("Setvar", Privilege.of("main/manager.c", "call")),
            Map.entry("Getvar", Privilege.of("main/manager.c", "call", "reporting")),
            Map.entry("Status", Privilege.of("main/manager.c", "system", "call", "reporting")),
            Map.entry("CoreSettings", Privilege.of("main/manager.c", "system", "reporting")),
            Map.entry("CoreStatus", Privilege.of("main/manager.c", "system", "reporting")),
            Map.entry("CoreShowChannels", Privilege.of("main/manager.c", "system", "reporting")),
            Map.entry("UserEvent", Privilege.of("main/manager.c", "user")),
            Map.entry("MuteAudio", Privilege.of("res/res_mutestream.c", "system")),
            Map.entry("MixMonitor", Privilege.of("apps/app_mixmonitor.c", "system")),
            Map.entry("StopMixMonitor", Privilege.of("apps/app_mixmonitor.c", "system", "call")),
            Map.entry("MixMonitorMute", Privilege.of("apps/app_mixmonitor.c", "system", "call")),
            Map.entry("DeviceStateList", Privilege.of("res/res_manager_devicestate.c", "call", "reporting")),
            Map.entry("PlayDTMF", Privilege.of("apps/app_senddtmf.c", "call")));

    /** The module that registers an AMI action outside Asterisk's core (it must be loaded for the action to exist). */
    static final Map<String, String> AMI_ACTION_MODULES = Map.of(
            "MuteAudio", "res_mutestream.so",
            "MixMonitor", "app_mixmonitor.so",
            "StopMixMonitor", "app_mixmonitor.so",
            "MixMonitorMute", "app_mixmonitor.so",
            "DeviceStateList", "res_manager_devicestate.so",
            "PlayDTMF", "app_senddtmf.so");

    /** manager.c action_originate(): an Application containing one of these needs the {@code system} class too. */
    static final List<String> RESTRICTED_ORIGINATE_APPLICATIONS =
            List.of("system", "exec", "agi", "mixmonitor", "externalivr");

    /** The manager.conf classes (main/manager.c {@code perms[]}); "all" grants every one. */
    static final Set<String> AMI_CLASSES = Set.of("system", "call", "log", "verbose", "command", "agent", "user",
            "config", "dtmf", "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc", "test", "security",
            "message", "all");

    // ------------------------------------------------------------------------------------------------ dialplan

    /** An {@code AGI(agi://host:port/script?query)} step, its URL with the [globals] expanded. */
    record AgiCall(Dialplan.Step step, String url, String hostPort, String script, Map<String, String> query) {
    }

    /** The FastAGI calls of {@code steps} (any AGI step whose argument is an agi:// URL). */
    static List<AgiCall> agiCalls(Dialplan dialplan, List<Dialplan.Step> steps) {
        List<AgiCall> calls = new ArrayList<>();
        for (Dialplan.Step s : steps) {
            if (!s.app().equalsIgnoreCase("AGI")) {
                continue;
            }
            String url = dialplan.expandGlobals(s.args().split(",")[0].strip());
            if (!url.startsWith("agi://")) {
                continue;
            }
            String rest = url.substring("agi://".length());
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String pathAndQuery = slash < 0 ? "" : rest.substring(slash + 1);
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            Map<String, String> query = new LinkedHashMap<>();
            if (q >= 0) {
                for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
            // FastAGI's default port is 4573 (res_agi.c AGI_PORT)
            calls.add(new AgiCall(s, url, authority.contains(":") ? authority : authority + ":4573", path, query));
        }
        return calls;
    }

    /**
     * The {@code [hotline]} context: runs {@code AGI(agi://<expectedAgi>/hotline?flow=<id>)} with a flow the platform
     * knows, and after it goes to {@code Queue(<queue>)} when {@code AGISTATUS} is FAILURE (platform unreachable) and
     * when {@code AJ_AGISTATUS} is not SUCCESS (script failed, or platform died mid-IVR), but NOT when the
     * conversation already took place inside the AGI's Dial ({@code DIALSTATUS} = ANSWER checked first); the queue is
     * defined in queues.conf.
     *
     * @return the fallback queue's name
     */
    static String hotlineContext(Dialplan dialplan, String context, AsteriskConf queues, String expectedAgi,
                                 Set<String> flowIds) {
        String where = dialplan.file + " [" + context + "]";
        Dialplan.Context ctx = dialplan.context(context).orElseThrow(() -> new AssertionError(dialplan.file
                + ": no [" + context + "] context: inbound hotline calls have nowhere to go"));
        String script = HotlineAgiServer.HOTLINE_SCRIPT;
        String queue = null;
        boolean found = false;
        for (String exten : ctx.extensions()) {
            List<Dialplan.Step> steps = ctx.extension(exten);
            List<AgiCall> calls = agiCalls(dialplan, steps).stream().filter(c -> c.script().equals(script)).toList();
            if (calls.isEmpty()) {
                continue;
            }
            found = true;
            AgiCall agi = calls.get(0);
            String at = where + " exten " + exten + " (line " + agi.step().line() + ")";
            if (!agi.hostPort().equals(expectedAgi)) {
                throw new AssertionError(at + ": AGI(" + agi.url() + ") connects to " + agi.hostPort()
                        + ", but the platform's FastAGI server is " + expectedAgi
                        + " (compose service + HOTLINE_AGI_PORT, default 4573; [globals] HOTLINE_AGI)");
            }
            String flow = agi.query().get("flow");
            if (flow != null && !flowIds.contains(flow)) {
                throw new AssertionError(at + ": AGI(" + agi.url() + ") asks for flow '" + flow
                        + "', which is not one of the platform's flows " + flowIds);
            }
            queue = fallback(dialplan, queues, steps, agi.step(), at);
        }
        if (!found) {
            throw new AssertionError(where + ": no AGI(agi://" + expectedAgi + "/" + script
                    + "?flow=...) step: the platform's FastAGI server (HotlineAgiServer.HOTLINE_SCRIPT) never gets"
                    + " the calls");
        }
        return queue;
    }

    private static String fallback(Dialplan dialplan, AsteriskConf queues, List<Dialplan.Step> steps,
                                   Dialplan.Step agi, String at) {
        List<Dialplan.Step> after = steps.stream().filter(s -> s.priority() > agi.priority()).toList();
        Optional<Dialplan.Step> unreachable = firstCondition(after, "AGISTATUS", "=", "FAILURE")
                .or(() -> firstCondition(after, "AGISTATUS", "!=", "SUCCESS"));
        Optional<Dialplan.Step> failed = firstCondition(after, "AJ_AGISTATUS", "!=", "SUCCESS");
        Optional<Dialplan.Step> answered = firstCondition(after, "DIALSTATUS", "=", "ANSWER");
        if (unreachable.isEmpty()) {
            throw new AssertionError(at + ": no GotoIf($[\"${AGISTATUS}\" = \"FAILURE\"]?<fallback>) after the AGI:"
                    + " callers are not queued when the platform is unreachable");
        }
        if (failed.isEmpty()) {
            throw new AssertionError(at + ": no GotoIf($[\"${AJ_AGISTATUS}\" != \"SUCCESS\"]?<fallback>) after the"
                    + " AGI: callers are not queued when the platform's script fails or the platform dies mid-IVR"
                    + " (Asterisk-Java sets AJ_AGISTATUS=SUCCESS only when a script ends normally)");
        }
        String q1 = queueAt(dialplan, unreachable.get(), at, "AGISTATUS = FAILURE");
        String q2 = queueAt(dialplan, failed.get(), at, "AJ_AGISTATUS != SUCCESS");
        if (!q1.equals(q2)) {
            throw new AssertionError(at + ": the two fallbacks go to different queues: " + q1 + " and " + q2);
        }
        if (answered.isEmpty() || answered.get().priority() > failed.get().priority()) {
            throw new AssertionError(at + ": no GotoIf($[\"${DIALSTATUS}\" = \"ANSWER\"]?<done>) before the"
                    + " AJ_AGISTATUS check: a caller whose conversation took place inside the AGI's Dial would be"
                    + " queued again when the platform died during the conversation");
        }
        Dialplan.Condition c = Dialplan.condition(answered.get()).orElseThrow();
        Optional<Dialplan.Step> done = dialplan.resolve(answered.get(), c.ifTrue());
        if (done.isEmpty() || done.get().app().equalsIgnoreCase("Queue")) {
            throw new AssertionError(at + ": DIALSTATUS = ANSWER must jump to a step that ends the call, not to '"
                    + c.ifTrue() + "'" + done.map(s -> " (" + s + ")").orElse(" (no such label)"));
        }
        if (queues.section(q1).isEmpty()) {
            throw new AssertionError(queues.file + ": no [" + q1 + "] queue, but " + at + " falls back to Queue("
                    + q1 + ")");
        }
        return q1;
    }

    private static Optional<Dialplan.Step> firstCondition(List<Dialplan.Step> steps, String variable, String op,
                                                          String value) {
        return steps.stream().filter(s -> Dialplan.condition(s)
                        .filter(c -> c.variable().equals(variable) && c.operator().equals(op) && c.value().equals(value))
                        .isPresent())
                .findFirst();
    }

    private static String queueAt(Dialplan dialplan, Dialplan.Step gotoIf, String at, String what) {
        Dialplan.Condition c = Dialplan.condition(gotoIf).orElseThrow();
        Dialplan.Step target = dialplan.resolve(gotoIf, c.ifTrue()).orElseThrow(() -> new AssertionError(at
                + ": the " + what + " fallback (line " + gotoIf.line() + ") jumps to '" + c.ifTrue()
                + "', which is not a label or priority of that extension"));
        if (!target.app().equalsIgnoreCase("Queue") || target.args().isBlank()) {
            throw new AssertionError(at + ": the " + what + " fallback (line " + gotoIf.line() + ") jumps to "
                    + target + ", not to Queue(<fallback queue>)");
        }
        return target.args().split(",")[0].strip();
    }

    /**
     * The gosub that Dial's {@code U(<AgiCallChannel.ANSWERED_CONTEXT>^<callId>)} runs on the agent's channel: app_dial.c
     * turns {@code U(ctx^args)} into {@code Gosub(ctx,s,1(args))}, so the context needs {@code s} priority 1, an
     * {@code AGI(agi://<expectedAgi>/answered?call=${ARG1})} and a {@code Return()}.
     */
    static void answeredContext(Dialplan dialplan, String expectedAgi) {
        String name = AgiCallChannel.ANSWERED_CONTEXT;
        String where = dialplan.file + " [" + name + "]";
        Dialplan.Context ctx = dialplan.context(name).orElseThrow(() -> new AssertionError(dialplan.file + ": no ["
                + name + "] context: AgiCallChannel connects the caller with Dial(...,U(" + name + "^<callId>)), and"
                + " without it the platform learns that the agent answered only when the whole Dial returns"));
        List<Dialplan.Step> s = ctx.extension("s");
        if (s.isEmpty() || s.get(0).priority() != 1) {
            throw new AssertionError(where + ": no extension s at priority 1: Dial's U() option runs Gosub(" + name
                    + ",s,1(<callId>))");
        }
        List<AgiCall> calls = agiCalls(dialplan, s).stream()
                .filter(c -> c.script().equals(HotlineAgiServer.ANSWERED_SCRIPT)).toList();
        if (calls.isEmpty()) {
            throw new AssertionError(where + ": extension s has no AGI(agi://" + expectedAgi + "/"
                    + HotlineAgiServer.ANSWERED_SCRIPT + "?call=${ARG1}) (HotlineAgiServer.ANSWERED_SCRIPT): the"
                    + " platform never learns that the agent answered");
        }
        AgiCall agi = calls.get(0);
        if (!agi.hostPort().equals(expectedAgi)) {
            throw new AssertionError(where + ": AGI(" + agi.url() + ") connects to " + agi.hostPort()
                    + ", but the platform's FastAGI server is " + expectedAgi);
        }
        // AnsweredScript reads the call id from the request parameter "call"; Dial passes it as the gosub's ARG1
        if (!"${ARG1}".equals(agi.query().get("call"))) {
            throw new AssertionError(where + ": AGI(" + agi.url() + ") must pass call=${ARG1} (the call id Dial's U()"
                    + " option hands to the gosub), has " + agi.query());
        }
        if (s.stream().noneMatch(x -> x.priority() > agi.step().priority() && x.app().equalsIgnoreCase("Return"))) {
            throw new AssertionError(where + ": no Return() after the AGI: the gosub must return for Dial to bridge"
                    + " the agent with the caller");
        }
    }

    /** The context AmiGateway originates click-to-dial calls and sends transfers into reaches every phone. */
    static void dialContext(Dialplan dialplan, String context, Collection<String> phones) {
        if (dialplan.context(context).isEmpty()) {
            throw new AssertionError(dialplan.file + ": no [" + context + "] context, but AmiGateway originates"
                    + " click-to-dial calls and transfers into it (AmiOptions.dialContext())");
        }
        for (String phone : phones) {
            if (dialplan.route(context, phone).isEmpty()) {
                throw new AssertionError(dialplan.file + " [" + context + "]: extension " + phone
                        + " is not routable (neither in the context nor in its includes), but a transfer or"
                        + " click-to-dial to PJSIP/" + phone + " dials " + phone + "@" + context);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ manager.conf

    /** The AMI user: exists, has the secret the platform gets; [general] enables AMI on the platform's port. */
    static AsteriskConf.Section amiUser(AsteriskConf manager, String user, String secret, int port) {
        AsteriskConf.Section general = manager.section("general").orElseThrow(() -> new AssertionError(
                manager.file + ": no [general] section"));
        if (!general.value("enabled").map(AsteriskContract::isTrue).orElse(false)) {
            throw new AssertionError(manager.file + " [general]: enabled is not yes: AMI is off");
        }
        String p = general.value("port").orElse("5038");
        if (!p.equals(String.valueOf(port))) {
            throw new AssertionError(manager.file + " [general]: port = " + p + ", but the platform connects to AMI"
                    + " port " + port + " (HOTLINE_AMI_PORT)");
        }
        AsteriskConf.Section u = manager.section(user).filter(s -> !s.name.equals("general"))
                .orElseThrow(() -> new AssertionError(manager.file + ": no [" + user + "] user, but the platform logs"
                        + " in as " + user + " (HOTLINE_AMI_USER)"));
        String actual = u.value("secret").orElseThrow(() -> new AssertionError(manager.file + " [" + user
                + "]: no secret (neither in place nor from the #include docker compose generates)"));
        if (!actual.equals(secret)) {
            throw new AssertionError(manager.file + " [" + user + "]: the secret Asterisk gets ('" + actual
                    + "') is not the HOTLINE_AMI_SECRET the platform logs in with ('" + secret + "')");
        }
        return u;
    }

    private static AsteriskConf.Section user(AsteriskConf manager, String user) {
        return manager.section(user).filter(s -> !s.name.equals("general")).orElseThrow(() -> new AssertionError(
                manager.file + ": no [" + user + "] user, but the platform logs in as " + user + " (HOTLINE_AMI_USER)"));
    }

    /** The user's {@code read} classes include every one of {@code needed}. */
    static void amiReads(AsteriskConf manager, String user, Map<String, String> needed) {
        AsteriskConf.Section u = user(manager, user);
        Set<String> read = classes(u.values("read"));
        for (Map.Entry<String, String> n : needed.entrySet()) {
            if (!read.contains(n.getKey()) && !read.contains("all")) {
                throw new AssertionError(manager.file + " [" + user + "]: read = " + String.join(",", u.values("read"))
                        + " lacks '" + n.getKey() + "': " + n.getValue());
            }
        }
    }

    /**
     * The user may run every action in {@code actions} (action → who sends it): its {@code write} has one of each
     * action's classes ({@link #AMI_ACTIONS}); an action the table does not know fails, so that a new action in the
     * gateway gets its privilege looked up.
     */
    static void amiWrites(AsteriskConf manager, String user, Map<String, Set<String>> actions) {
        AsteriskConf.Section u = user(manager, user);
        String written = String.join(",", u.values("write"));
        Set<String> write = classes(u.values("write"));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> a : new TreeMap<>(actions).entrySet()) {
            Privilege p = AMI_ACTIONS.get(a.getKey());
            if (p == null) {
                problems.add(a.getValue() + " send(s) the AMI action " + a.getKey() + ", whose class this test does not"
                        + " know: look up its ast_manager_register_xml() line in Asterisk's source and add it to"
                        + " AsteriskContract.AMI_ACTIONS");
                continue;
            }
            if (!p.anyOf().isEmpty() && !write.contains("all") && p.anyOf().stream().noneMatch(write::contains)) {
                problems.add(a.getKey() + " (sent by " + String.join(", ", a.getValue()) + ") needs one of "
                        + p.anyOf() + " (" + p.source() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(manager.file + " [" + user + "]: write = " + written + ":\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** An {@code Originate} of {@code application} is not refused for lack of the {@code system} class. */
    static void amiMayOriginateApplication(AsteriskConf manager, String user, String application) {
        Set<String> write = classes(user(manager, user).values("write"));
        String app = application.toLowerCase(Locale.ROOT);
        Optional<String> restricted = RESTRICTED_ORIGINATE_APPLICATIONS.stream().filter(app::contains).findFirst();
        if (restricted.isPresent() && !write.contains("system") && !write.contains("all")) {
            throw new AssertionError(manager.file + " [" + user + "]: Originate of application " + application
                    + " needs the 'system' class too (main/manager.c action_originate() restricts names containing '"
                    + restricted.get() + "')");
        }
    }

    /**
     * The user's permit/deny rules (Asterisk's ACL: every rule is tried in order, the last matching one decides,
     * nothing matching = allowed) admit every address of {@code subnet} except {@code excluded}, and refuse an
     * address outside it.
     */
    static void amiAdmits(AsteriskConf manager, String user, String subnet, Set<String> excluded) {
        AsteriskConf.Section u = user(manager, user);
        List<long[]> rules = new ArrayList<>();
        for (AsteriskConf.Entry e : u.entries) {
            String key = e.key().toLowerCase(Locale.ROOT);
            if (key.equals("permit") || key.equals("deny")) {
                long[] net = ipv4Network(e.value(), manager.file + ":" + e.line());
                rules.add(new long[] {key.equals("permit") ? 1 : 0, net[0], net[1]});
            } else if (key.equals("acl")) {
                throw new AssertionError(manager.file + ":" + e.line() + ": named ACLs (acl.conf) are not checked"
                        + " here; use permit/deny");
            }
        }
        long[] net = ipv4Network(subnet, "compose subnet");
        long first = net[0];
        long last = net[0] | (~net[1] & 0xFFFFFFFFL);
        if (last - first > 65536) {
            last = first + 65536;
        }
        for (long a = first + 1; a < last; a++) {
            String address = ipv4(a);
            if (!excluded.contains(address) && !allowed(rules, a)) {
                throw new AssertionError(manager.file + " [" + user + "]: permit/deny refuse " + address + ", an"
                        + " address the platform can get on the compose network " + subnet);
            }
        }
        long outside = ipv4Network("192.0.2.1", "TEST-NET-1")[0];
        if (!(first <= outside && outside <= last) && allowed(rules, outside)) {
            throw new AssertionError(manager.file + " [" + user + "]: permit/deny admit 192.0.2.1, an address"
                    + " outside the compose network: start with deny = 0.0.0.0/0.0.0.0");
        }
    }

    private static boolean allowed(List<long[]> rules, long address) {
        boolean allow = true;
        for (long[] r : rules) {
            if ((address & r[2]) == (r[1] & r[2])) {
                allow = r[0] == 1;
            }
        }
        return allow;
    }

    /** {@code a.b.c.d[/mask]} with a dotted or a prefix-length mask → {address, mask}. */
    static long[] ipv4Network(String text, String where) {
        String t = text.replace(" ", "");
        int slash = t.indexOf('/');
        long address = ipv4(slash < 0 ? t : t.substring(0, slash), where);
        long mask;
        if (slash < 0) {
            mask = 0xFFFFFFFFL;
        } else if (t.substring(slash + 1).contains(".")) {
            mask = ipv4(t.substring(slash + 1), where);
        } else {
            int bits = Integer.parseInt(t.substring(slash + 1));
            mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        }
        return new long[] {address & mask, mask};
    }

    private static long ipv4(String text, String where) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            throw new AssertionError(where + ": '" + text + "' is not an IPv4 address");
        }
        long v = 0;
        for (String p : parts) {
            int octet = Integer.parseInt(p);
            if (octet < 0 || octet > 255) {
                throw new AssertionError(where + ": '" + text + "' is not an IPv4 address");
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    static String ipv4(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    private static Set<String> classes(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String line : lines) {
            for (String c : line.split(",")) {
                if (!c.isBlank()) {
                    out.add(c.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Every class name in the user's read/write is one Asterisk knows (a typo silently grants nothing). */
    static void amiClassNamesAreKnown(AsteriskConf manager, String user) {
        AsteriskConf.Section u = user(manager, user);
        for (String key : List.of("read", "write")) {
            Set<String> unknown = classes(u.values(key)).stream().filter(c -> !AMI_CLASSES.contains(c))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!unknown.isEmpty()) {
                throw new AssertionError(manager.file + " [" + user + "]: " + key + " has unknown class(es) " + unknown
                        + " (main/manager.c perms[]): Asterisk ignores them");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ pjsip.conf

    /**
     * pjsip.conf: every phone and its browser twin is an endpoint (with an existing auth that has a password, an
     * aor, a context of the dialplan), a WebSocket transport exists, and the browser endpoints are WebRTC
     * ({@code webrtc=yes}, or what it stands for: use_avpf, media_encryption=dtls, ice_support).
     */
    static void pjsip(AsteriskConf pjsip, Dialplan dialplan, Collection<String> phones, Collection<String> browsers) {
        Map<String, Map<String, AsteriskConf.Section>> byType = new LinkedHashMap<>();
        for (AsteriskConf.Section s : pjsip.realSections()) {
            String type = s.value("type").orElseThrow(() -> new AssertionError(pjsip.file + ":" + s.line + ": ["
                    + s.name + "] has no type"));
            byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(s.name, s);
        }
        Map<String, AsteriskConf.Section> endpoints = byType.getOrDefault("endpoint", Map.of());
        List<String> all = new ArrayList<>(phones);
        all.addAll(browsers);
        for (String name : all) {
            AsteriskConf.Section ep = endpoints.get(name);
            if (ep == null) {
                throw new AssertionError(pjsip.file + ": no endpoint [" + name + "] (type = endpoint)");
            }
            String at = pjsip.file + " endpoint [" + name + "]";
            for (String auth : ep.values("auth")) {
                AsteriskConf.Section a = byType.getOrDefault("auth", Map.of()).get(auth);
                if (a == null) {
                    throw new AssertionError(at + ": auth = " + auth + " is not a type = auth section");
                }
                if (a.value("password").filter(p -> !p.isBlank()).isEmpty()) {
                    throw new AssertionError(pjsip.file + " auth [" + auth + "]: no password (neither in place nor"
                            + " from the #include docker compose generates)");
                }
            }
            if (ep.values("aors").isEmpty()) {
                throw new AssertionError(at + ": no aors: the phone cannot register");
            }
            for (String aor : ep.values("aors")) {
                if (!byType.getOrDefault("aor", Map.of()).containsKey(aor)) {
                    throw new AssertionError(at + ": aors = " + aor + " is not a type = aor section");
                }
            }
            String context = ep.value("context").orElse("default");
            if (dialplan.context(context).isEmpty()) {
                throw new AssertionError(at + ": context = " + context + " is not a context of " + dialplan.file);
            }
        }
        boolean websocket = byType.getOrDefault("transport", Map.of()).values().stream()
                .anyMatch(t -> t.value("protocol").filter(p -> p.equals("ws") || p.equals("wss")).isPresent());
        if (!websocket) {
            throw new AssertionError(pjsip.file + ": no transport with protocol = ws or wss: browser softphones"
                    + " cannot register");
        }
        for (String name : browsers) {
            AsteriskConf.Section ep = endpoints.get(name);
            boolean webrtc = ep.value("webrtc").map(AsteriskContract::isTrue).orElse(false)
                    || (ep.value("use_avpf").map(AsteriskContract::isTrue).orElse(false)
                        && ep.value("media_encryption").filter("dtls"::equals).isPresent()
                        && ep.value("ice_support").map(AsteriskContract::isTrue).orElse(false));
            if (!webrtc) {
                throw new AssertionError(pjsip.file + " endpoint [" + name + "]: not a WebRTC endpoint: needs"
                        + " webrtc = yes (or use_avpf, media_encryption = dtls, ice_support)");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ modules.conf

    /** Each module is loaded: required or loaded explicitly, or autoloaded and not noloaded. */
    static void modulesLoad(AsteriskConf modules, Map<String, String> needed) {
        AsteriskConf.Section m = modules.section("modules").orElseThrow(() -> new AssertionError(modules.file
                + ": no [modules] section"));
        boolean autoload = m.value("autoload").map(AsteriskContract::isTrue).orElse(false);
        Set<String> explicit = new TreeSet<>(m.values("require"));
        explicit.addAll(m.values("load"));
        explicit.addAll(m.values("preload"));
        Set<String> noload = new TreeSet<>(m.values("noload"));
        for (Map.Entry<String, String> n : new TreeMap<>(needed).entrySet()) {
            String module = n.getKey();
            if (noload.contains(module)) {
                throw new AssertionError(modules.file + ": noload = " + module + ", but " + n.getValue());
            }
            if (!autoload && !explicit.contains(module)) {
                throw new AssertionError(modules.file + ": " + module + " is not loaded (autoload is off and no"
                        + " require/load line names it), but " + n.getValue());
            }
        }
    }

    /** A features.conf DTMF code: digits, {@code *} and {@code #}. */
    private static final java.util.regex.Pattern DTMF_CODE = java.util.regex.Pattern.compile("[0-9*#]{1,11}");

    /**
     * The console's attended transfer (AMI {@code Atxfer}) injects features.conf's {@code atxfer} code into the
     * agent's channel, so the code must exist (Asterisk's default is empty: "No attended transfer feature code
     * found"), the agent's Dial must carry {@code t} ({@code dialOptions}, what AgiCallChannel sends) and must not
     * give the caller features ({@code T}, {@code h}/{@code H}, {@code k}/{@code K}); the prompt Asterisk plays to
     * the transferer ({@code transferannouncesound}, default {@code pbx-transfer}) must exist, since Asterisk
     * abandons the transfer when it cannot play it.
     */
    static void featuresAllowAgentTransfers(AsteriskConf features, String dialOptions,
                                           java.util.function.Predicate<String> promptExists) {
        AsteriskConf.Section map = features.section("featuremap").orElseThrow(() -> new AssertionError(features.file
                + ": no [featuremap] section: Asterisk's attended-transfer code is empty by default, and AMI Atxfer"
                + " (the console's attended transfer) fails with 'No attended transfer feature code found'"));
        List<String> codes = new ArrayList<>();
        for (String feature : List.of("atxfer", "blindxfer")) {
            String code = map.value(feature).map(String::strip).orElse("");
            if (!DTMF_CODE.matcher(code).matches()) {
                throw new AssertionError(features.file + ": [featuremap] " + feature + " is '" + code + "', not a DTMF"
                        + " code (digits, * and #): " + ("atxfer".equals(feature)
                        ? "AMI Atxfer injects it into the agent's channel"
                        : "the built-in default '#' would start a blind transfer at one key of the agent"));
            }
            codes.add(code);
        }
        if (codes.get(0).startsWith(codes.get(1)) || codes.get(1).startsWith(codes.get(0))) {
            throw new AssertionError(features.file + ": [featuremap] atxfer " + codes.get(0) + " and blindxfer "
                    + codes.get(1) + " overlap: one is a prefix of the other");
        }
        if (!dialOptions.contains("t")) {
            throw new AssertionError("AgiCallChannel dials the agent with options '" + dialOptions + "' without t: the"
                    + " agent's leg gets no transfer feature, so the atxfer code of " + features.file
                    + " passes through as DTMF");
        }
        for (char forbidden : "ThHkK".toCharArray()) {
            if (dialOptions.indexOf(forbidden) >= 0) {
                throw new AssertionError("AgiCallChannel dials the agent with option " + forbidden + " ('" + dialOptions
                        + "'): the caller would get feature keys (transfer, hang-up or park)");
            }
        }
        String prompt = features.section("general").flatMap(g -> g.value("transferannouncesound"))
                .map(v -> v.strip().replace("\"", "")).orElse("pbx-transfer");
        if (!prompt.isEmpty() && !promptExists.test(prompt)) {
            throw new AssertionError(features.file + ": [general] transferannouncesound is " + prompt + ", which is"
                    + " not in docker/sounds/: Asterisk abandons a transfer whose announcement it cannot play");
        }
    }

    /**
     * The configuration file each module of a stock Asterisk 22 build reads at load time and logs an error or warning
     * about when it is missing ("Unable to load config ..."), from the modules' load functions in the Asterisk
     * sources; the core's own files have no module ({@code ""}: they must be shipped). With {@code autoload = yes} a
     * fresh Asterisk logged about 85 such lines. Every entry must be shipped in docker/asterisk/ or have all its
     * modules noloaded. Not measured on a live Asterisk here: a module missing from this table only costs a log line.
     */
    static final Map<String, List<String>> CONFIG_OF_MODULES = configOfModules();

    private static Map<String, List<String>> configOfModules() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        // the core's files (no module to noload)
        for (String core : List.of("asterisk.conf", "modules.conf", "logger.conf", "indications.conf", "cdr.conf",
                "cel.conf", "ccss.conf", "udptl.conf", "features.conf")) {
            m.put(core, List.of());
        }
        m.put("extensions.conf", List.of("pbx_config.so"));
        m.put("pjsip.conf", List.of("res_pjsip.so"));
        m.put("rtp.conf", List.of("res_rtp_asterisk.so"));
        m.put("http.conf", List.of("res_http_websocket.so"));
        m.put("manager.conf", List.of());
        m.put("musiconhold.conf", List.of("res_musiconhold.so"));
        m.put("queues.conf", List.of("app_queue.so"));
        m.put("res_parking.conf", List.of("res_parking.so"));
        m.put("pjsip_notify.conf", List.of("res_pjsip_notify.so"));
        m.put("pjsip_wizard.conf", List.of("res_pjsip_config_wizard.so"));
        m.put("stir_shaken.conf", List.of("res_stir_shaken.so", "res_pjsip_stir_shaken.so"));
        m.put("geolocation.conf", List.of("res_geolocation.so", "res_pjsip_geolocation.so"));
        m.put("aeap.conf", List.of("res_aeap.so", "res_speech_aeap.so"));
        m.put("prometheus.conf", List.of("res_prometheus.so"));
        m.put("statsd.conf", List.of("res_statsd.so", "res_chan_stats.so", "res_endpoint_stats.so"));
        m.put("res_snmp.conf", List.of("res_snmp.so"));
        m.put("xmpp.conf", List.of("res_xmpp.so", "chan_motif.so"));
        m.put("calendar.conf", List.of("res_calendar.so", "res_calendar_caldav.so", "res_calendar_ews.so",
                "res_calendar_exchange.so", "res_calendar_icalendar.so"));
        m.put("smdi.conf", List.of("res_smdi.so"));
        m.put("res_fax.conf", List.of("res_fax.so", "res_fax_spandsp.so"));
        m.put("res_odbc.conf", List.of("res_odbc.so", "res_odbc_transaction.so", "res_config_odbc.so"));
        m.put("func_odbc.conf", List.of("func_odbc.so"));
        m.put("cdr_odbc.conf", List.of("cdr_odbc.so"));
        m.put("cdr_adaptive_odbc.conf", List.of("cdr_adaptive_odbc.so"));
        m.put("cel_odbc.conf", List.of("cel_odbc.so"));
        m.put("res_pgsql.conf", List.of("res_config_pgsql.so"));
        m.put("cdr_pgsql.conf", List.of("cdr_pgsql.so"));
        m.put("cel_pgsql.conf", List.of("cel_pgsql.so"));
        m.put("res_ldap.conf", List.of("res_config_ldap.so"));
        m.put("res_config_sqlite3.conf", List.of("res_config_sqlite3.so"));
        m.put("cdr_sqlite3_custom.conf", List.of("cdr_sqlite3_custom.so"));
        m.put("cel_sqlite3_custom.conf", List.of("cel_sqlite3_custom.so"));
        m.put("cdr_custom.conf", List.of("cdr_custom.so"));
        m.put("cel_custom.conf", List.of("cel_custom.so"));
        m.put("cdr_manager.conf", List.of("cdr_manager.so"));
        m.put("cdr_tds.conf", List.of("cdr_tds.so"));
        m.put("cel_tds.conf", List.of("cel_tds.so"));
        m.put("radiusclient (cdr/cel_radius)", List.of("cdr_radius.so", "cel_radius.so"));
        m.put("cdr_beanstalkd.conf", List.of("cdr_beanstalkd.so"));
        m.put("cel_beanstalkd.conf", List.of("cel_beanstalkd.so"));
        m.put("res_stun_monitor.conf", List.of("res_stun_monitor.so"));
        m.put("res_pktccops.conf", List.of("res_pktccops.so"));
        m.put("corosync.conf", List.of("res_corosync.so"));
        m.put("cli_aliases.conf", List.of("res_clialiases.so"));
        m.put("hep.conf", List.of("res_hep.so", "res_hep_pjsip.so", "res_hep_rtcp.so"));
        m.put("ari.conf", List.of("res_ari.so"));
        m.put("phoneprov.conf", List.of("res_phoneprov.so", "res_pjsip_phoneprov_provider.so"));
        m.put("dundi.conf", List.of("pbx_dundi.so"));
        m.put("extensions.lua", List.of("pbx_lua.so"));
        m.put("extensions.ael", List.of("pbx_ael.so"));
        m.put("voicemail.conf", List.of("app_voicemail.so", "app_directory.so"));
        m.put("iax.conf", List.of("chan_iax2.so"));
        m.put("mgcp.conf", List.of("chan_mgcp.so"));
        m.put("skinny.conf", List.of("chan_skinny.so"));
        m.put("unistim.conf", List.of("chan_unistim.so"));
        m.put("motif.conf", List.of("chan_motif.so"));
        m.put("alsa.conf", List.of("chan_alsa.so"));
        m.put("oss.conf", List.of("chan_oss.so"));
        m.put("console.conf", List.of("chan_console.so"));
        m.put("sip.conf", List.of("chan_sip.so"));
        m.put("chan_dahdi.conf", List.of("chan_dahdi.so"));
        m.put("ooh323.conf", List.of("chan_ooh323.so"));
        m.put("chan_mobile.conf", List.of("chan_mobile.so"));
        m.put("minivm.conf", List.of("app_minivm.so"));
        m.put("followme.conf", List.of("app_followme.so"));
        m.put("amd.conf", List.of("app_amd.so"));
        m.put("agents.conf", List.of("app_agent_pool.so"));
        m.put("alarmreceiver.conf", List.of("app_alarmreceiver.so"));
        m.put("festival.conf", List.of("app_festival.so"));
        m.put("confbridge.conf", List.of("app_confbridge.so"));
        m.put("meetme.conf", List.of("app_meetme.so"));
        m.put("osp.conf", List.of("app_osplookup.so"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Every configuration file of {@link #CONFIG_OF_MODULES} is shipped ({@code shipped}, the file names of
     * docker/asterisk/) or, for a module's file, all of its modules are noloaded: no "Unable to load config" at start.
     */
    static void noMissingConfigs(AsteriskConf modules, Set<String> shipped) {
        AsteriskConf.Section m = modules.section("modules").orElseThrow(() -> new AssertionError(modules.file
                + ": no [modules] section"));
        boolean autoload = m.value("autoload").map(AsteriskContract::isTrue).orElse(false);
        Set<String> noload = new TreeSet<>(m.values("noload"));
        Set<String> explicit = new TreeSet<>(m.values("require"));
        explicit.addAll(m.values("load"));
        explicit.addAll(m.values("preload"));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : CONFIG_OF_MODULES.entrySet()) {
            if (shipped.contains(e.getKey())) {
                continue;
            }
            if (e.getValue().isEmpty()) {
                problems.add(e.getKey() + " (read by Asterisk's core) is not shipped");
                continue;
            }
            for (String module : e.getValue()) {
                boolean loads = explicit.contains(module) || (autoload && !noload.contains(module));
                if (loads) {
                    problems.add(module + " loads but its " + e.getKey()
                            + " is not shipped: noload it or ship the file");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(modules.file + ": modules would log 'Unable to load config' at start: "
                    + String.join("; ", problems));
        }
    }

    static boolean isTrue(String value) {
        return Set.of("yes", "true", "y", "t", "1", "on").contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
