package org.hotline.app.config;

import com.typesafe.config.Config;
import org.hotline.ticketing.mail.MailSettings;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hotline.cluster.ClusterConfig;
import org.hotline.console.auth.SessionPolicy;
import org.hotline.console.auth.ThrottleRule;
import org.hotline.console.edge.Origins;
import org.hotline.cti.asterisk.agi.AddressRange;
import org.hotline.platform.telephony.Devices;
import org.hotline.ticketing.user.LockoutPolicy;

/**
 * The platform's configuration, read once from Typesafe Config ({@code reference.conf} defaults, an optional file,
 * system properties and environment variables). Invalid values fail at start-up with the key named.
 */
public record Settings(String profile, Http http, Db db, boolean demoSeed, List<Queue> queues, String ivrFlowDir,
                       Simulation simulation, Telephony telephony, Asterisk asterisk, Auth auth,
                       Outbound outbound, Clocks clocks, MailSettings mail, ClusterConfig cluster) {

    /**
     * The SLA clock scheduler of this node: how often it looks for due clocks, the local time of the daily check
     * (每日检查, in each department's calendar) and the node's name in claims (empty: $HOSTNAME-pid).
     */
    public record Clocks(String nodeId, Duration schedulerInterval, java.time.LocalTime dailyCheckAt) {
    }

    /**
     * Outbound calls: the dial plan, regular expressions over the destination as dialled (empty: any destination).
     */
    public record Outbound(List<String> allowedDestinations) {
        public Outbound {
            allowedDestinations = List.copyOf(allowedDestinations);
        }
    }

    /** Which switch carries the calls. */
    public enum Telephony { SIMULATOR, ASTERISK }

    /**
     * The Asterisk adapter: FastAGI listener, AMI servers (secrets never printed), agents' phones. An agent's device
     * is one device ({@code PJSIP/1001}) or several in Asterisk's Dial syntax ({@code PJSIP/1001&PJSIP/webrtc1001}:
     * a desk phone and its WebRTC browser twin, rung in parallel).
     */
    public record Asterisk(String agiBind, int agiPort, Duration agiSocketReadTimeout, Agi agi, List<Ami> ami,
                           Map<String, String> agentDevices, String devicePattern) {
        /** The phone (or phones, {@code A&B}) that ring for {@code agent}; every {@code %s} of the pattern is it. */
        public String deviceOf(String agent) {
            String device = agentDevices.get(agent);
            return device != null ? device : devicePattern.replace("%s", agent);
        }
    }

    /**
     * The FastAGI server's limits: silence allowed before the environment, time for the whole environment,
     * connections per Asterisk address, and the allow-list (literal addresses or CIDR subnets; empty = loopback).
     */
    public record Agi(Duration idleTimeout, Duration envTimeout, int maxConnectionsPerAddress,
                      List<String> allowedAddresses) {
    }

    /** One device of an agent's device list: {@code TECH/resource} (as Asterisk's Dial and AMI take it). */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9]+/[^\\s,|&]+");

    public record Ami(String name, String host, int port, String username, String secret) {
        @Override
        public String toString() {
            return "Ami[name=" + name + ", host=" + host + ", port=" + port + ", username=" + username + "]";
        }
    }

    /**
     * The console's HTTP side. Empty {@code publicOrigins} / {@code allowedHosts} mean: derived from the bind
     * address and port (see {@code EdgeSettings} in agent-console).
     *
     * @param sessions       idle timeouts by role and absolute lifetime of sessions
     * @param secureCookies  the {@code __Host-} Secure cookie even on loopback
     * @param trustedProxies peers whose {@code X-Forwarded-For} is believed
     */
    public record Http(String host, int port, SessionPolicy sessions, boolean secureCookies,
                       Set<String> trustedProxies, List<String> publicOrigins, List<String> allowedHosts,
                       Duration idleTimeout, Duration headerTimeout, int maxConnectionsPerAddress) {
        public Http {
            publicOrigins = List.copyOf(publicOrigins);
            allowedHosts = List.copyOf(allowedHosts);
        }
    }

    /**
     * Logins: password hashing, lockout and throttle.
     *
     * @param passwordIterations PBKDF2 iterations of new hashes (at least {@link #MIN_PASSWORD_ITERATIONS})
     */
    public record Auth(int passwordIterations, LockoutPolicy lockout, ThrottleRule accountThrottle,
                       ThrottleRule addressThrottle) {
    }

    /** The least {@code hotline.auth.password-iterations} accepted (the load tool's throwaway accounts use it). */
    public static final int MIN_PASSWORD_ITERATIONS = 100_000;

    /** The password is never printed. */
    public record Db(boolean embedded, Path dataDir, String url, String user, String password, int maxPoolSize) {
        @Override
        public String toString() {
            return "Db[embedded=" + embedded + ", dataDir=" + dataDir + ", url=" + url + ", user=" + user + "]";
        }
    }

    public record Queue(String name, String skill, int serviceLevelSeconds, Duration ringTimeout, Duration wrapUp) {
    }

    public record Simulation(boolean enabled, String timing, double callsPerSecond, Duration meanPatience,
                             Duration meanTalkTime, int agents, Duration agentRingDelay, Duration agentWrapUp,
                             Map<String, Double> menuWeights) {
    }

    /** Defaults + the given file (may be null) + system properties + environment. */
    public static Settings load(Path file) {
        return load(file, Map.of());
    }

    /** Like {@link #load(Path)}, with {@code overrides} (e.g. a command's profile) above the file. */
    public static Settings load(Path file, Map<String, Object> overrides) {
        Config fromFile = file == null ? ConfigFactory.empty() : ConfigFactory.parseFile(file.toFile());
        return from(ConfigFactory.parseMap(overrides).withFallback(fromFile));
    }

    /** Defaults with {@code overrides} on top (used by tests and the load tool). */
    public static Settings from(Config overrides) {
        Config c = ConfigFactory.systemProperties()
                .withFallback(overrides)
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
        try {
            return parse(c.getConfig("hotline"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static Settings parse(Config h) {
        Config http = h.getConfig("http");
        int port = http.getInt("port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid configuration: hotline.http.port must be 0..65535, was " + port);
        }
        Config db = h.getConfig("db");
        List<Queue> queues = h.getConfigList("queues").stream()
                .map(q -> new Queue(q.getString("name"), q.getString("skill"), q.getInt("service-level-seconds"),
                        q.getDuration("ring-timeout"), q.getDuration("wrap-up")))
                .toList();
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: hotline.queues is empty");
        }
        Config sim = h.getConfig("simulation");
        Map<String, Double> weights = new LinkedHashMap<>();
        sim.getConfig("menu-weights").root().keySet().stream().sorted()
                .forEach(k -> weights.put(k, sim.getConfig("menu-weights").getDouble("\"" + k + "\"")));
        String timing = sim.getString("timing");
        if (!timing.equals("demo") && !timing.equals("instant")) {
            throw new IllegalArgumentException(
                    "invalid configuration: hotline.simulation.timing must be demo or instant, was " + timing);
        }
        return new Settings(
                h.getString("profile"),
                http(http, port),
                new Db(db.getBoolean("embedded"), Path.of(db.getString("data-dir")), db.getString("url"),
                        db.getString("user"), db.getString("password"), db.getInt("max-pool-size")),
                h.getBoolean("demo-seed"),
                queues,
                h.getString("ivr.flow-dir"),
                new Simulation(sim.getBoolean("enabled"), timing, sim.getDouble("calls-per-second"),
                        sim.getDuration("mean-patience"), sim.getDuration("mean-talk-time"), sim.getInt("agents"),
                        sim.getDuration("agent-ring-delay"), sim.getDuration("agent-wrap-up"), Map.copyOf(weights)),
                telephony(h.getString("telephony")),
                asterisk(h.getConfig("asterisk")),
                auth(h.getConfig("auth")),
                outbound(h.getConfig("outbound")),
                clocks(h.getConfig("clocks")),
                MailConfig.parse(h.getConfig("mail")),
                ClusterSettings.parse(h.getConfig("cluster")));
    }

    private static Clocks clocks(Config c) {
        Duration interval = c.getDuration("scheduler-interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "invalid configuration: hotline.clocks.scheduler-interval must be 1s..10m, was " + interval);
        }
        java.time.LocalTime at;
        try {
            at = java.time.LocalTime.parse(c.getString("daily-check-at"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("invalid configuration: hotline.clocks.daily-check-at must be HH:mm, was "
                    + c.getString("daily-check-at"));
        }
        String node = c.getString("node-id").strip();
        if (node.length() > 64) {
            throw new IllegalArgumentException("invalid configuration: hotline.clocks.node-id is longer than 64");
        }
        return new Clocks(node, interval, at);
    }

    private static Auth auth(Config a) {
        int iterations = a.getInt("password-iterations");
        if (iterations < MIN_PASSWORD_ITERATIONS || iterations > 10_000_000) {
            throw new IllegalArgumentException("invalid configuration: hotline.auth.password-iterations must be "
                    + MIN_PASSWORD_ITERATIONS + "..10000000, was " + iterations);
        }
        try {
            Config l = a.getConfig("lockout");
            LockoutPolicy lockout = new LockoutPolicy(l.getInt("failures"), l.getDuration("window"),
                    l.getDuration("duration"));
            return new Auth(iterations, lockout, throttle(a.getConfig("throttle.account")),
                    throttle(a.getConfig("throttle.address")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration: hotline.auth: " + e.getMessage(), e);
        }
    }

    private static ThrottleRule throttle(Config t) {
        return new ThrottleRule(t.getInt("free-failures"), t.getDuration("base-delay"), t.getDuration("max-delay"),
                t.getDuration("forget-after"));
    }

    private static Outbound outbound(Config o) {
        List<String> patterns = o.getStringList("allowed-destinations");
        for (String p : patterns) {
            try {
                if (p.isBlank()) {
                    throw new IllegalArgumentException("blank pattern");
                }
                Pattern.compile(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid configuration: hotline.outbound.allowed-destinations: '"
                        + p + "' is not a usable regular expression (" + e.getMessage() + ")", e);
            }
        }
        return new Outbound(patterns);
    }

    private static Http http(Config http, int port) {
        if (http.hasPath("session-ttl")) {
            throw new IllegalArgumentException("invalid configuration: hotline.http.session-ttl is no longer "
                    + "supported; use hotline.http.session.idle-timeout.agent / .staff and "
                    + "hotline.http.session.absolute-lifetime");
        }
        Config s = http.getConfig("session");
        SessionPolicy sessions;
        try {
            sessions = new SessionPolicy(s.getDuration("idle-timeout.agent"), s.getDuration("idle-timeout.staff"),
                    s.getDuration("absolute-lifetime"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration: hotline.http.session: " + e.getMessage(), e);
        }
        Set<String> proxies = new LinkedHashSet<>();
        for (String p : http.getString("trusted-proxies").split(",")) {
            if (!p.isBlank()) {
                proxies.add(p.strip());
            }
        }
        Duration idle = http.getDuration("idle-timeout");
        Duration header = http.getDuration("header-timeout");
        int maxPerAddress = http.getInt("max-connections-per-address");
        if (idle.toMillis() < 1 || header.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "invalid configuration: hotline.http.idle-timeout and header-timeout must be at least 1 ms");
        }
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException(
                    "invalid configuration: hotline.http.max-connections-per-address must be at least 1, was "
                            + maxPerAddress);
        }
        List<String> origins = stringList(http, "public-origins");
        for (String origin : origins) {
            if (Origins.normalize(origin).isEmpty()) {
                throw new IllegalArgumentException("invalid configuration: hotline.http.public-origins entry '"
                        + origin + "' is not scheme://host[:port] (http or https, no path)");
            }
        }
        List<String> hosts = stringList(http, "allowed-hosts");
        for (String host : hosts) {
            if (Origins.normalizeHost(host).isEmpty()) {
                throw new IllegalArgumentException("invalid configuration: hotline.http.allowed-hosts entry '"
                        + host + "' is not a host name or address (no port, no scheme)");
            }
        }
        return new Http(http.getString("host"), port, sessions, http.getBoolean("secure-cookies"),
                Set.copyOf(proxies), origins, hosts, idle, header, maxPerAddress);
    }

    /** A list key given as a list, or as one comma-separated string (as an environment variable gives it). */
    private static List<String> stringList(Config c, String key) {
        if (c.getValue(key).valueType() == com.typesafe.config.ConfigValueType.LIST) {
            return c.getStringList(key).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        }
        return java.util.Arrays.stream(c.getString(key).split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }

    private static Telephony telephony(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "simulator" -> Telephony.SIMULATOR;
            case "asterisk" -> Telephony.ASTERISK;
            default -> throw new IllegalArgumentException(
                    "invalid configuration: hotline.telephony must be simulator or asterisk, was " + value);
        };
    }

    private static Asterisk asterisk(Config a) {
        List<Ami> ami = a.getConfigList("ami").stream()
                .map(x -> new Ami(x.getString("name"), x.getString("host"), x.getInt("port"), x.getString("username"),
                        x.getString("secret")))
                .toList();
        Map<String, String> devices = new LinkedHashMap<>();
        for (String pair : a.getString("agent-devices").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("invalid configuration: hotline.asterisk.agent-devices entry '"
                        + pair.trim() + "' is not agent=DEVICE");
            }
            String agent = pair.substring(0, eq).trim();
            String device = deviceList(pair.substring(eq + 1), "hotline.asterisk.agent-devices entry '" + pair.trim()
                    + "'");
            if (agent.isEmpty() || devices.put(agent, device) != null) {
                throw new IllegalArgumentException("invalid configuration: hotline.asterisk.agent-devices entry '"
                        + pair.trim() + "': " + (agent.isEmpty() ? "no agent" : "agent " + agent + " is listed twice"));
            }
        }
        String pattern = a.getString("device-pattern");
        if (!pattern.contains("%s")) {
            throw new IllegalArgumentException("invalid configuration: hotline.asterisk.device-pattern needs %s");
        }
        deviceList(pattern.replace("%s", "agent1"), "hotline.asterisk.device-pattern '" + pattern + "'");
        return new Asterisk(a.getString("agi.bind"), a.getInt("agi.port"), a.getDuration("agi.socket-read-timeout"),
                agi(a.getConfig("agi")), ami, Map.copyOf(devices), pattern);
    }

    private static Agi agi(Config agi) {
        List<String> allowed = new java.util.ArrayList<>();
        for (String entry : agi.getString("allowed-addresses").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                allowed.add(AddressRange.parse(entry).toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid configuration: hotline.asterisk.agi.allowed-addresses: "
                        + e.getMessage(), e);
            }
        }
        int max = agi.getInt("max-connections-per-address");
        if (max < 1) {
            throw new IllegalArgumentException(
                    "invalid configuration: hotline.asterisk.agi.max-connections-per-address must be at least 1");
        }
        for (String key : List.of("idle-timeout", "env-timeout")) {
            Duration d = agi.getDuration(key);
            if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("invalid configuration: hotline.asterisk.agi." + key
                        + " must be between 1 ms and 24 days, was " + d);
            }
        }
        return new Agi(agi.getDuration("idle-timeout"), agi.getDuration("env-timeout"), max, List.copyOf(allowed));
    }

    /**
     * A device or device list ({@code PJSIP/1001&PJSIP/webrtc1001}), each member {@code TECH/resource}; returned
     * without the spaces around members, since it goes unchanged into Asterisk's Dial.
     */
    private static String deviceList(String value, String what) {
        List<String> members = Devices.members(value);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + what + " is not agent=DEVICE");
        }
        for (String m : members) {
            if (!DEVICE.matcher(m).matches()) {
                throw new IllegalArgumentException("invalid configuration: " + what + ": device '" + m
                        + "' is not TECH/resource (a list is TECH/resource&TECH/resource, e.g."
                        + " PJSIP/1001&PJSIP/webrtc1001)");
            }
        }
        return String.join(String.valueOf(Devices.SEPARATOR), members);
    }
}
