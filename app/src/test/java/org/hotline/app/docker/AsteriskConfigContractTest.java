package org.hotline.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.asteriskjava.manager.action.ManagerAction;
import org.hotline.app.config.Settings;
import org.hotline.cti.asterisk.agi.AddressRange;
import org.hotline.cti.asterisk.agi.AgiCallChannel;
import org.hotline.cti.asterisk.ami.AmiGateway;
import org.hotline.cti.asterisk.ami.AmiOptions;
import org.hotline.ivr.flow.FlowSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract between the Java side (cti-adapter's FastAGI server and AMI gateway, the app's configuration) and
 * docker/: docker/asterisk/*.conf and docker/compose.yaml with docker/.env.example, read offline (no Docker, no
 * Asterisk). A change on one side the other does not follow fails here, with the file and what is missing.
 * docker/scripts/check-config.py (run by .ci/run) checks the docker files among themselves; this test checks them
 * against the code. The last tests feed the checks broken snippets, to show they can fail.
 */
class AsteriskConfigContractTest {
    /** The built-in IVR flows the platform runs when hotline.ivr.flow-dir is empty (HotlinePlatform). */
    private static final String BUILT_IN_FLOWS = "ivr/main.yaml";
    /** The application AmiGateway.spy originates the supervisor's phone into. */
    private static final String SPY_APPLICATION = "ChanSpy";
    /** The agents' phones of the lab (pjsip.conf, queues.conf, HOTLINE_AGENT_DEVICES) and their browser twins. */
    private static final List<String> PHONES = IntStream.rangeClosed(1001, 1005).mapToObj(String::valueOf).toList();
    private static final List<String> BROWSERS = PHONES.stream().map(p -> "webrtc" + p).toList();

    private static Path docker;
    private static Map<String, String> envExample;
    private static ComposeFile compose;
    private static String platform;
    private static Map<String, String> platformEnv;
    private static String asterisk;
    private static Map<String, String> generated;
    private static Dialplan dialplan;
    private static AsteriskConf manager;
    private static AsteriskConf queues;
    private static AsteriskConf pjsip;
    private static AsteriskConf modules;

    @BeforeAll
    static void readDockerFolder() {
        // -Dhotline.docker.dir=<a copy of docker/> checks that copy instead (e.g. to see a check fail on purpose)
        String other = System.getProperty("hotline.docker.dir");
        Path dir = Path.of("").toAbsolutePath();
        while (other == null && dir != null && !Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
            dir = dir.getParent();
        }
        assertThat(other != null || dir != null).as("docker/compose.yaml above the working directory "
                + Path.of("").toAbsolutePath()).isTrue();
        docker = other != null ? Path.of(other).toAbsolutePath() : dir.resolve("docker");
        envExample = ComposeFile.readEnv(docker.resolve(".env.example"));
        compose = ComposeFile.read(docker.resolve("compose.yaml"), envExample);
        List<String> platforms = compose.services().keySet().stream()
                .filter(s -> compose.environment(s).containsKey("HOTLINE_AMI_HOST")).toList();
        assertThat(platforms).as("docker/compose.yaml: the services that run the platform (environment with"
                + " HOTLINE_AMI_HOST)").hasSize(1);
        platform = platforms.get(0);
        platformEnv = compose.environment(platform);
        asterisk = platformEnv.get("HOTLINE_AMI_HOST");
        generated = compose.generatedFiles(asterisk);
        dialplan = Dialplan.of(conf("extensions.conf"));
        manager = conf("manager.conf");
        queues = conf("queues.conf");
        pjsip = conf("pjsip.conf");
        modules = conf("modules.conf");
    }

    /** Reads docker/asterisk/{@code name} the way the asterisk container sees it (compose-generated includes). */
    private static AsteriskConf conf(String name) {
        Path file = docker.resolve("asterisk").resolve(name);
        try {
            return AsteriskConf.parse("docker/asterisk/" + name, Files.readString(file, StandardCharsets.UTF_8),
                    includes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A variable of the platform service's environment in docker/compose.yaml. */
    private static String env(String key) {
        String value = platformEnv.get(key);
        if (value == null || value.isBlank()) {
            throw new AssertionError("docker/compose.yaml service " + platform + ": environment has no " + key
                    + " (reference.conf reads it for hotline.asterisk.*)");
        }
        return value;
    }

    /** An #include target: a file compose generates in the asterisk container, or one of docker/asterisk. */
    private static Function<String, String> includes() {
        return target -> {
            if (generated.containsKey(target)) {
                return generated.get(target);
            }
            String relative = target.startsWith("/etc/asterisk/") ? target.substring("/etc/asterisk/".length())
                    : target;
            Path local = docker.resolve("asterisk").resolve(relative);
            try {
                return !relative.startsWith("/") && Files.isRegularFile(local)
                        ? Files.readString(local, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** host:port of the platform's FastAGI server as Asterisk reaches it on the compose network. */
    private static String platformAgi() {
        return platform + ":" + agiPort();
    }

    /** The platform's FastAGI port: HOTLINE_AGI_PORT, else reference.conf's default 4573. */
    private static int agiPort() {
        return Integer.parseInt(platformEnv.getOrDefault("HOTLINE_AGI_PORT", "4573"));
    }

    // ------------------------------------------------------------------------------------------------ files

    @Test
    void everyAsteriskConfigFileParsesAndItsIncludesExist() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(docker.resolve("asterisk"))) {
            files = list.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertThat(files).as("docker/asterisk/*.conf").isNotEmpty();
        for (Path f : files) {
            AsteriskConf conf = conf(f.getFileName().toString());
            for (AsteriskConf.Include include : conf.includes()) {
                assertThat(include.resolved()).as("%s:%d: #include %s is neither a file compose"
                                + " generates for the %s service (configs:) nor a file of docker/asterisk",
                        conf.file, include.line(), include.target(), asterisk).isTrue();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ compose

    @Test
    void composeRunsThePlatformAgainstTheAsteriskService() {
        String where = "docker/compose.yaml service " + platform + ": environment ";
        boolean profileFlag = String.valueOf(compose.service(platform).get("command")).matches(
                ".*--profile, asterisk.*");
        assertThat("asterisk".equals(platformEnv.get("HOTLINE_TELEPHONY")) || profileFlag)
                .as(where + "HOTLINE_TELEPHONY=asterisk (or the command start --profile asterisk)").isTrue();
        for (String key : List.of("HOTLINE_AMI_HOST", "HOTLINE_AMI_PORT", "HOTLINE_AMI_USER", "HOTLINE_AMI_SECRET",
                "HOTLINE_AGI_BIND", "HOTLINE_AGI_PORT")) {
            assertThat(platformEnv.get(key)).as(where + key + " (reference.conf hotline.asterisk.*)").isNotBlank();
        }
        assertThat(compose.services()).as(where + "HOTLINE_AMI_HOST=" + asterisk + " is not a service")
                .containsKey(asterisk);
        assertThat(String.valueOf(compose.service(asterisk).get("volumes")))
                .as("docker/compose.yaml service %s mounts docker/asterisk as /etc/asterisk", asterisk)
                .contains("./asterisk:/etc/asterisk");
        assertThat(compose.networks(platform)).as("docker/compose.yaml: %s and %s share a network", platform,
                asterisk).containsAnyElementsOf(compose.networks(asterisk));
        assertThat(platformEnv.get("HOTLINE_AMI_SECRET")).as(where + "HOTLINE_AMI_SECRET vs docker/.env.example")
                .isEqualTo(envExample.get("HOTLINE_AMI_SECRET"));
    }

    @Test
    void platformSettingsReadTheComposeEnvironment() {
        // reference.conf resolved the way the platform's JVM resolves it, with the container's environment as the
        // environment (ConfigFactory.defaultReference() would use this JVM's environment, and is resolved already)
        Config resolved = ConfigFactory.parseMap(platformEnv)
                .withFallback(ConfigFactory.parseResources("reference.conf"))
                .withFallback(ConfigFactory.systemProperties())
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        Config overrides = resolved.withOnlyPath("hotline");
        if (String.valueOf(compose.service(platform).get("command")).matches(".*--profile, asterisk.*")) {
            // what StartCommand --profile asterisk sets
            overrides = ConfigFactory.parseMap(Map.of("hotline.telephony", "asterisk")).withFallback(overrides);
        }
        Settings settings = Settings.from(overrides);
        String where = "app reference.conf with the environment of docker/compose.yaml service " + platform + ": ";
        assertThat(settings.telephony()).as(where + "hotline.telephony").isEqualTo(Settings.Telephony.ASTERISK);
        Settings.Asterisk a = settings.asterisk();
        assertThat(a.agiPort()).as(where + "hotline.asterisk.agi.port (HOTLINE_AGI_PORT)")
                .isEqualTo(agiPort());
        assertThat(a.agiBind()).as(where + "hotline.asterisk.agi.bind (HOTLINE_AGI_BIND): Asterisk connects from"
                + " another container").isNotIn("127.0.0.1", "localhost", "::1");
        // ... and the FastAGI allow-list admits the asterisk container (and only the compose network)
        List<String> asteriskAddresses = compose.networks(asterisk).stream()
                .flatMap(n -> compose.ipv4Address(asterisk, n).stream()).toList();
        assertThat(asteriskAddresses).as("docker/compose.yaml: service %s has a fixed ipv4_address (the FastAGI"
                + " allow-list names it)", asterisk).isNotEmpty();
        List<AddressRange> allowed = a.agi().allowedAddresses().stream().map(AddressRange::parse).toList();
        assertThat(allowed).as(where + "hotline.asterisk.agi.allowed-addresses (HOTLINE_AGI_ALLOWED_ADDRESSES)")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.prefix()).as("allow-list entry %s is no wider than a /24", r)
                        .isGreaterThanOrEqualTo(24));
        for (String address : asteriskAddresses) {
            assertThat(allowed).as(where + "HOTLINE_AGI_ALLOWED_ADDRESSES admits the %s container's %s", asterisk,
                    address).anySatisfy(r -> assertThat(r.contains(inet(address))).isTrue());
        }
        assertThat(a.ami()).as(where + "hotline.asterisk.ami").hasSize(1);
        Settings.Ami ami = a.ami().get(0);
        assertThat(ami.host()).as(where + "ami host (HOTLINE_AMI_HOST)").isEqualTo(asterisk);
        assertThat(ami.port()).as(where + "ami port (HOTLINE_AMI_PORT)")
                .isEqualTo(Integer.parseInt(env("HOTLINE_AMI_PORT")));
        assertThat(ami.username()).as(where + "ami username (HOTLINE_AMI_USER)")
                .isEqualTo(env("HOTLINE_AMI_USER"));
        assertThat(ami.secret()).as(where + "ami secret (HOTLINE_AMI_SECRET)")
                .isEqualTo(env("HOTLINE_AMI_SECRET"));
    }

    private static java.net.InetAddress inet(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("not an address: " + literal, e);
        }
    }

    @Test
    void fastAgiListensOnLoopbackOutsideCompose() {
        // without the environment (this JVM's could set HOTLINE_AGI_*), with the system properties (user.home)
        Settings settings = Settings.from(ConfigFactory.parseResources("reference.conf")
                .withFallback(ConfigFactory.systemProperties())
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false)).withOnlyPath("hotline"));
        Settings.Asterisk a = settings.asterisk();
        assertThat(a.agiBind()).as("app reference.conf: hotline.asterisk.agi.bind default").isEqualTo("127.0.0.1");
        assertThat(a.agi().allowedAddresses()).as("hotline.asterisk.agi.allowed-addresses default (loopback)")
                .isEmpty();
        assertThat(a.agi().idleTimeout()).isPositive();
        assertThat(a.agi().envTimeout()).isPositive();
        assertThat(a.agi().maxConnectionsPerAddress()).isPositive();
    }

    @Test
    void amiAndFastAgiAreNotPublished() {
        int amiPort = Integer.parseInt(manager.section("general").flatMap(g -> g.value("port")).orElse("5038"));
        int agiPort = agiPort();
        for (String service : compose.services().keySet()) {
            for (String port : compose.ports(service)) {
                String container = port.replaceAll("/.*$", "");
                container = container.substring(container.lastIndexOf(':') + 1);
                String[] range = container.split("-");
                int from = Integer.parseInt(range[0]);
                int to = Integer.parseInt(range[range.length - 1]);
                assertThat(amiPort >= from && amiPort <= to).as("docker/compose.yaml service %s publishes %s, which"
                        + " includes the AMI port %d: AMI must stay on the private network", service, port, amiPort)
                        .isFalse();
                assertThat(agiPort >= from && agiPort <= to).as("docker/compose.yaml service %s publishes %s, which"
                        + " includes the FastAGI port %d (no authentication)", service, port, agiPort).isFalse();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ dialplan

    @Test
    void hotlineContextCallsThePlatformAndFallsBackToAnExistingQueue() {
        AsteriskContract.hotlineContext(dialplan, "hotline", queues, platformAgi(),
                FlowSet.classpath(BUILT_IN_FLOWS).ids());
    }

    @Test
    void theFallbackQueueIsTheOneARestartedNodeRecognisesItsCallsIn() {
        assertThat(AsteriskContract.hotlineContext(dialplan, "hotline", queues, platformAgi(),
                FlowSet.classpath(BUILT_IN_FLOWS).ids())).isEqualTo(AmiGateway.FALLBACK_QUEUE);
    }

    @Test
    void hotlineAnsweredGosubIsWhatTheAgiConnectDials() {
        AsteriskContract.answeredContext(dialplan, platformAgi());
    }

    @Test
    void dialContextOfTheAmiGatewayReachesThePhones() {
        // click-to-dial (Originate Context/Exten) and transfers go to AmiOptions.dialContext(); a device target
        // PJSIP/1002 dials 1002 there (AmiMapping.destination). Listen/whisper/barge originate the application ChanSpy.
        AsteriskContract.dialContext(dialplan, AmiOptions.defaults().dialContext(), PHONES);
    }

    // ------------------------------------------------------------------------------------------------ manager.conf

    @Test
    void amiUserOfComposeExistsWithItsSecret() {
        AsteriskContract.amiUser(manager, env("HOTLINE_AMI_USER"), envExample.get("HOTLINE_AMI_SECRET"),
                Integer.parseInt(env("HOTLINE_AMI_PORT")));
    }

    @Test
    void amiUserReadsTheEventsTheGatewayFollows() {
        String user = env("HOTLINE_AMI_USER");
        AsteriskContract.amiClassNamesAreKnown(manager, user);
        // CallTracker's events are all class "call": Newchannel, Hangup(Request), Bridge*, Hold/Unhold,
        // MusicOnHold*, MixMonitorStart/Stop, BlindTransfer/AttendedTransfer, OriginateResponse, Rename, and
        // DeviceStateChange (main/devicestate.c devstate_to_ami: EVENT_FLAG_CALL). Its VarSet (MIXMONITOR_FILENAME of a
        // recording started outside Hotline) is class "dialplan", deliberately not read. The lists answering the
        // resync actions (CoreShowChannels, DeviceStateList) reach the asking session whatever its read classes.
        AsteriskContract.amiReads(manager, user, Map.of("call",
                "the gateway follows calls, bridges, holds, transfers, recordings and phone states from call events"));
    }

    @Test
    void amiUserIsSentExactlyTheEventsTheGatewayHandles() {
        Set<String> included = new TreeSet<>();
        for (String key : manager.section(env("HOTLINE_AMI_USER")).orElseThrow().entries.stream()
                .map(AsteriskConf.Entry::key).filter(k -> k.toLowerCase(Locale.ROOT).startsWith("eventfilter"))
                .toList()) {
            Matcher m = Pattern.compile("eventfilter\\(action\\(include\\),name\\(([A-Za-z]+)\\)\\)").matcher(key);
            assertThat(m.matches()).as("manager.conf: %s is not an include filter by event name", key).isTrue();
            included.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        // an event the gateway handles but Asterisk is not asked for would never arrive; one asked for but not
        // handled costs both sides for nothing
        assertThat(included).isEqualTo(new TreeSet<>(AmiGateway.eventsHandled()));
    }

    @Test
    void featuresLetTheAgentsDialTransferWithAnAtxferCodeAndAPlayablePrompt() {
        AsteriskContract.featuresAllowAgentTransfers(conf("features.conf"), AgiCallChannel.DIAL_FEATURE_OPTIONS,
                AsteriskConfigContractTest::shippedPrompt);
    }

    /** Whether docker/sounds/ ships the prompt {@code name} (e.g. hotline/transfer). */
    private static boolean shippedPrompt(String name) {
        return Stream.of(".wav", ".ulaw", ".alaw", ".sln16", ".gsm")
                .anyMatch(ext -> Files.isRegularFile(docker.resolve("sounds").resolve(name + ext)));
    }

    @Test
    void featuresWithoutAnAtxferCodeOrADialWithoutTFail() {
        AsteriskConf good = AsteriskConf.parse("features.conf", """
                [general]
                transferannouncesound = hotline/transfer
                [featuremap]
                blindxfer => #1
                atxfer => *2
                """);
        AsteriskContract.featuresAllowAgentTransfers(good, "t", p -> p.equals("hotline/transfer"));
        assertThatThrownBy(() -> AsteriskContract.featuresAllowAgentTransfers(
                AsteriskConf.parse("features.conf", "[general]\n"), "t", p -> true))
                .hasMessageContaining("No attended transfer feature code found");
        assertThatThrownBy(() -> AsteriskContract.featuresAllowAgentTransfers(
                AsteriskConf.parse("features.conf", "[featuremap]\nblindxfer => #1\n"), "t", p -> true))
                .hasMessageContaining("atxfer is ''");
        assertThatThrownBy(() -> AsteriskContract.featuresAllowAgentTransfers(good, "", p -> true))
                .hasMessageContaining("without t");
        assertThatThrownBy(() -> AsteriskContract.featuresAllowAgentTransfers(good, "tT", p -> true))
                .hasMessageContaining("option T");
        assertThatThrownBy(() -> AsteriskContract.featuresAllowAgentTransfers(good, "t", p -> false))
                .hasMessageContaining("transferannouncesound is hotline/transfer");
        assertThatThrownBy(() -> AsteriskContract.featuresAllowAgentTransfers(AsteriskConf.parse("features.conf",
                "[featuremap]\nblindxfer => *2\natxfer => *2\n"), "t", p -> true)).hasMessageContaining("overlap");
        assertThatThrownBy(() -> AsteriskContract.featuresAllowAgentTransfers(AsteriskConf.parse("features.conf",
                "[featuremap]\nblindxfer => #1\natxfer => *2\n"), "t", p -> false))
                .as("without transferannouncesound Asterisk plays pbx-transfer").hasMessageContaining("pbx-transfer");
    }

    @Test
    void amiUserMayRunEveryActionTheGatewaySends() {
        Map<String, Set<String>> actions = amiActionsOfTheCtiAdapter();
        assertThat(actions).as("AMI actions found in cti-adapter's bytecode (is the discovery broken?)")
                .containsKeys("Originate", "Hangup");
        actions.computeIfAbsent("Challenge", k -> new TreeSet<>()).add("Asterisk-Java's login");
        actions.computeIfAbsent("Login", k -> new TreeSet<>()).add("Asterisk-Java's login");
        actions.computeIfAbsent("CoreSettings", k -> new TreeSet<>()).add("HotlineManagerConnection.determineVersion");
        String user = env("HOTLINE_AMI_USER");
        AsteriskContract.amiWrites(manager, user, actions);
        AsteriskContract.amiMayOriginateApplication(manager, user, SPY_APPLICATION);
    }

    @Test
    void amiUserAdmitsThePlatformsNetworkOnly() {
        String network = compose.networks(platform).stream().filter(compose.networks(asterisk)::contains)
                .findFirst().orElseThrow(() -> new AssertionError("docker/compose.yaml: " + platform + " and "
                        + asterisk + " share no network"));
        Set<String> excluded = new HashSet<>();
        compose.gateway(network).ifPresent(excluded::add); // the Docker host: check-config.py wants it denied
        AsteriskContract.amiAdmits(manager, env("HOTLINE_AMI_USER"), compose.subnet(network), excluded);
    }

    // ------------------------------------------------------------------------------------------------ pjsip, modules

    @Test
    void pjsipHasThePhonesTheirWebRtcTwinsAndAWebSocketTransport() {
        AsteriskContract.pjsip(pjsip, dialplan, PHONES, BROWSERS);
    }

    @Test
    void modulesTheDialplanAndTheAmiActionsNeedAreLoaded() {
        Map<String, String> needed = new LinkedHashMap<>();
        needed.put("res_agi.so", "the dialplan runs AGI(agi://...) to reach the platform");
        needed.put("app_dial.so", "AgiCallChannel connects the caller with EXEC Dial");
        needed.put("app_stack.so", "Dial's U(" + AgiCallChannel.ANSWERED_CONTEXT + "^...) option is a Gosub");
        needed.put("app_queue.so", "the [hotline] fallback is Queue()");
        needed.put("app_chanspy.so", "AmiGateway.spy originates " + SPY_APPLICATION);
        for (String action : amiActionsOfTheCtiAdapter().keySet()) {
            String module = AsteriskContract.AMI_ACTION_MODULES.get(action);
            if (module != null) {
                needed.merge(module, "AmiGateway sends the AMI action " + action, (a, b) -> a + "; " + b);
            }
        }
        AsteriskContract.modulesLoad(modules, needed);
    }

    @Test
    void noModuleLoadsWithoutItsConfigurationFile() throws IOException {
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(docker.resolve("asterisk"))) {
            files.map(p -> p.getFileName().toString()).forEach(shipped::add);
        }
        AsteriskContract.noMissingConfigs(modules, shipped);
    }

    @Test
    void aModuleWhoseConfigurationIsNeitherShippedNorNoloadedFails() {
        AsteriskConf autoload = AsteriskConf.parse("modules.conf", "[modules]\nautoload = yes\n");
        assertThatThrownBy(() -> AsteriskContract.noMissingConfigs(autoload,
                AsteriskContract.CONFIG_OF_MODULES.keySet().stream().filter(f -> !f.equals("res_parking.conf"))
                        .collect(java.util.stream.Collectors.toSet())))
                .hasMessageContaining("res_parking.so loads but its res_parking.conf is not shipped");
        assertThatThrownBy(() -> AsteriskContract.noMissingConfigs(autoload, Set.of()))
                .hasMessageContaining("cdr.conf (read by Asterisk's core) is not shipped");
        AsteriskConf required = AsteriskConf.parse("modules.conf",
                "[modules]\nautoload = no\nrequire = res_fax.so\n");
        assertThatThrownBy(() -> AsteriskContract.noMissingConfigs(required,
                AsteriskContract.CONFIG_OF_MODULES.keySet().stream().filter(f -> !f.equals("res_fax.conf"))
                        .collect(java.util.stream.Collectors.toSet())))
                .hasMessageContaining("res_fax.so loads");
    }

    /**
     * The AMI actions cti-adapter's main code constructs (org.hotline.cti.asterisk, without the bench tools): action
     * name → the classes that send it.
     */
    private static synchronized Map<String, Set<String>> amiActionsOfTheCtiAdapter() {
        if (amiActions == null) {
            amiActions = findAmiActions();
        }
        Map<String, Set<String>> copy = new TreeMap<>();
        amiActions.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
        return copy;
    }

    private static Map<String, Set<String>> amiActions;

    private static Map<String, Set<String>> findAmiActions() {
        // only cti-adapter's main classes (its jar or target/classes) are read, without resolving their
        // dependencies (seconds faster): the constructed types are resolved by reflection
        java.net.URL cti = AmiOptions.class.getProtectionDomain().getCodeSource().getLocation();
        JavaClasses classes = ArchConfiguration.withThreadLocalScope(config -> {
            config.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().importUrl(cti);
        });
        Map<String, Set<String>> actions = new TreeMap<>();
        for (JavaClass c : classes) {
            if (!c.getPackageName().startsWith("org.hotline.cti.asterisk") || c.getPackageName().contains(".bench")) {
                continue;
            }
            Set<String> targets = new HashSet<>();
            c.getConstructorCallsFromSelf().forEach(call -> targets.add(call.getTargetOwner().getName()));
            c.getConstructorReferencesFromSelf().forEach(ref -> targets.add(ref.getTargetOwner().getName()));
            for (String target : targets) {
                Class<?> type;
                try {
                    type = Class.forName(target, false, AsteriskConfigContractTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (ManagerAction.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                    actions.computeIfAbsent(actionName(type), k -> new TreeSet<>())
                            .add(c.getName().substring(c.getPackageName().length() + 1));
                }
            }
        }
        return actions;
    }

    private static String actionName(Class<?> type) {
        try {
            return ((ManagerAction) type.getDeclaredConstructor().newInstance()).getAction();
        } catch (ReflectiveOperationException e) {
            String simple = type.getSimpleName();
            return simple.endsWith("Action") ? simple.substring(0, simple.length() - "Action".length()) : simple;
        }
    }

    // ------------------------------------------------------------------------------------------------ the checks fail

    private static final String GOOD_DIALPLAN = """
            [globals]
            HOTLINE_AGI=platform:4573
            [hotline]
            exten => _X.,1,Answer()
             same => n,AGI(agi://${HOTLINE_AGI}/hotline?flow=main)
             same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)
             same => n,GotoIf($["${AGISTATUS}" = "FAILURE"]?fallback)
             same => n,GotoIf($["${AJ_AGISTATUS}" != "SUCCESS"]?fallback)
             same => n(done),Hangup()
             same => n(fallback),Queue(hotline-fallback,t,,,300)
            [hotline-answered]
            exten => s,1,AGI(agi://${HOTLINE_AGI}/answered?call=${ARG1})
             same => n,Return()
            """;
    private static final AsteriskConf GOOD_QUEUES = AsteriskConf.parse("queues.conf", """
            [general]
            [hotline-fallback]
            strategy = ringall
            member => PJSIP/1001,0,Agent 1
            """);

    private static void hotline(String extensions, AsteriskConf queueConf) {
        AsteriskContract.hotlineContext(Dialplan.of(AsteriskConf.parse("extensions.conf", extensions)), "hotline",
                queueConf, "platform:4573", Set.of("main"));
    }

    @Test
    void theSnippetsBelowPassWhenUnbroken() {
        hotline(GOOD_DIALPLAN, GOOD_QUEUES);
        AsteriskContract.answeredContext(Dialplan.of(AsteriskConf.parse("extensions.conf", GOOD_DIALPLAN)),
                "platform:4573");
    }

    @Test
    void parserRejectsMalformedLinesAndUnknownTemplates() {
        assertThatThrownBy(() -> AsteriskConf.parse("pjsip.conf", "[1001]\ntype endpoint\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pjsip.conf:2");
        assertThatThrownBy(() -> AsteriskConf.parse("pjsip.conf", "[1001](phone-endpoint)\ntype = endpoint\n"))
                .hasMessageContaining("pjsip.conf:1").hasMessageContaining("template (phone-endpoint)");
        assertThatThrownBy(() -> AsteriskConf.parse("manager.conf", "secret = x\n[hotline]\n"))
                .hasMessageContaining("manager.conf:1").hasMessageContaining("outside any [section]");
        assertThatThrownBy(() -> Dialplan.of(AsteriskConf.parse("extensions.conf", "[hotline]\n same => n,Answer()\n")))
                .hasMessageContaining("extensions.conf:2").hasMessageContaining("same =>");
    }

    @Test
    void dialplanWithoutTheFallbackFails() {
        String noFailedCheck = GOOD_DIALPLAN.replace(" same => n,GotoIf($[\"${AJ_AGISTATUS}\" != \"SUCCESS\"]?fallback)\n",
                "");
        assertThat(noFailedCheck).isNotEqualTo(GOOD_DIALPLAN);
        assertThatThrownBy(() -> hotline(noFailedCheck, GOOD_QUEUES)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("extensions.conf [hotline]").hasMessageContaining("AJ_AGISTATUS");
        String oldCheck = GOOD_DIALPLAN.replace("\"${AJ_AGISTATUS}\" != \"SUCCESS\"", "\"${AJ_AGISTATUS}\" = \"FAILED\"");
        assertThatThrownBy(() -> hotline(oldCheck, GOOD_QUEUES)).hasMessageContaining("AJ_AGISTATUS");
        String noUnreachableCheck = GOOD_DIALPLAN.replace("AGISTATUS}\" = \"FAILURE\"", "AGISTATUS}\" = \"HANGUP\"");
        assertThatThrownBy(() -> hotline(noUnreachableCheck, GOOD_QUEUES)).hasMessageContaining("AGISTATUS");
        String fallbackHangsUp = GOOD_DIALPLAN.replace("n(fallback),Queue(hotline-fallback,t,,,300)", "n(fallback),Hangup()");
        assertThatThrownBy(() -> hotline(fallbackHangsUp, GOOD_QUEUES)).hasMessageContaining("not to Queue");
        String dialStatusLast = GOOD_DIALPLAN.replace(" same => n,GotoIf($[\"${DIALSTATUS}\" = \"ANSWER\"]?done)\n", "");
        assertThatThrownBy(() -> hotline(dialStatusLast, GOOD_QUEUES)).hasMessageContaining("DIALSTATUS");
    }

    @Test
    void dialplanCallingAnotherAgiServerOrAMissingQueueFails() {
        assertThatThrownBy(() -> hotline(GOOD_DIALPLAN.replace("platform:4573", "platform:4574"), GOOD_QUEUES))
                .hasMessageContaining("platform:4574").hasMessageContaining("platform:4573");
        assertThatThrownBy(() -> hotline(GOOD_DIALPLAN.replace("/hotline?", "/ivr?"), GOOD_QUEUES))
                .hasMessageContaining("no AGI(agi://platform:4573/hotline");
        assertThatThrownBy(() -> hotline(GOOD_DIALPLAN.replace("flow=main", "flow=mian"), GOOD_QUEUES))
                .hasMessageContaining("flow 'mian'");
        assertThatThrownBy(() -> hotline(GOOD_DIALPLAN, AsteriskConf.parse("queues.conf", "[general]\n[support]\n")))
                .hasMessageContaining("queues.conf: no [hotline-fallback] queue");
    }

    @Test
    void missingOrBrokenAnsweredGosubFails() {
        Function<String, Dialplan> dp = text -> Dialplan.of(AsteriskConf.parse("extensions.conf", text));
        assertThatThrownBy(() -> AsteriskContract.answeredContext(
                dp.apply(GOOD_DIALPLAN.replace("[hotline-answered]", "[hotline-answer]")), "platform:4573"))
                .hasMessageContaining("no [" + AgiCallChannel.ANSWERED_CONTEXT + "] context");
        assertThatThrownBy(() -> AsteriskContract.answeredContext(
                dp.apply(GOOD_DIALPLAN.replace("exten => s,1,AGI", "exten => start,1,AGI")), "platform:4573"))
                .hasMessageContaining("no extension s at priority 1");
        assertThatThrownBy(() -> AsteriskContract.answeredContext(
                dp.apply(GOOD_DIALPLAN.replace("call=${ARG1}", "id=${ARG1}")), "platform:4573"))
                .hasMessageContaining("call=${ARG1}");
        assertThatThrownBy(() -> AsteriskContract.answeredContext(
                dp.apply(GOOD_DIALPLAN.replace(" same => n,Return()\n", "")), "platform:4573"))
                .hasMessageContaining("Return()");
    }

    @Test
    void amiUserWithoutSystemCannotHoldOrRecord() {
        AsteriskConf m = AsteriskConf.parse("manager.conf", """
                [general]
                enabled = yes
                [hotline]
                secret = s3cret
                deny = 0.0.0.0/0.0.0.0
                permit = 172.30.58.0/255.255.255.0
                read = call
                write = call,originate,reporting
                """);
        Map<String, Set<String>> actions = Map.of("MuteAudio", Set.of("AmiGateway"), "MixMonitor",
                Set.of("AmiGateway"), "Hangup", Set.of("AmiGateway"), "Originate", Set.of("AmiGateway"));
        assertThatThrownBy(() -> AsteriskContract.amiWrites(m, "hotline", actions))
                .hasMessageContaining("manager.conf [hotline]: write = call,originate,reporting")
                .hasMessageContaining("MuteAudio (sent by AmiGateway) needs one of [system]")
                .hasMessageContaining("MixMonitor").hasMessageNotContaining("Hangup")
                .hasMessageNotContaining("Originate");
        assertThatThrownBy(() -> AsteriskContract.amiWrites(m, "hotline", Map.of("Redirect2", Set.of("AmiGateway"))))
                .hasMessageContaining("does not know");
        assertThatThrownBy(() -> AsteriskContract.amiMayOriginateApplication(m, "hotline", "MixMonitor"))
                .hasMessageContaining("'system' class");
        assertThatThrownBy(() -> AsteriskContract.amiUser(m, "hotline", "other", 5038))
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> AsteriskContract.amiUser(m, "hotline2", "s3cret", 5038))
                .hasMessageContaining("no [hotline2] user");
        assertThatThrownBy(() -> AsteriskContract.amiReads(AsteriskConf.parse("manager.conf",
                "[hotline]\nread = agent,user\n"), "hotline", Map.of("call", "calls")))
                .hasMessageContaining("lacks 'call'");
        assertThatThrownBy(() -> AsteriskContract.amiClassNamesAreKnown(AsteriskConf.parse("manager.conf",
                "[hotline]\nread = call\nwrite = call,orginate\n"), "hotline"))
                .hasMessageContaining("orginate");
    }

    @Test
    void amiAclThatMissesTheSubnetOrAdmitsEveryoneFails() {
        AsteriskConf wrongSubnet = AsteriskConf.parse("manager.conf", """
                [hotline]
                deny = 0.0.0.0/0.0.0.0
                permit = 172.30.57.0/255.255.255.0
                """);
        assertThatThrownBy(() -> AsteriskContract.amiAdmits(wrongSubnet, "hotline", "172.30.58.0/24", Set.of()))
                .hasMessageContaining("refuse 172.30.58.1");
        AsteriskConf open = AsteriskConf.parse("manager.conf", "[hotline]\npermit = 172.30.58.0/24\n");
        assertThatThrownBy(() -> AsteriskContract.amiAdmits(open, "hotline", "172.30.58.0/24", Set.of()))
                .hasMessageContaining("admit 192.0.2.1");
        AsteriskConf lastRuleWins = AsteriskConf.parse("manager.conf", """
                [hotline]
                deny = 0.0.0.0/0.0.0.0
                permit = 172.30.58.0/24
                deny = 172.30.58.1/32
                """);
        AsteriskContract.amiAdmits(lastRuleWins, "hotline", "172.30.58.0/24", Set.of("172.30.58.1"));
        assertThatThrownBy(() -> AsteriskContract.amiAdmits(lastRuleWins, "hotline", "172.30.58.0/24", Set.of()))
                .hasMessageContaining("refuse 172.30.58.1");
    }

    @Test
    void pjsipWithoutWebSocketOrWebRtcFails() {
        Dialplan dp = Dialplan.of(AsteriskConf.parse("extensions.conf", "[from-agents]\nexten => 1001,1,Answer()\n"));
        String pj = """
                [transport-udp]
                type = transport
                protocol = udp
                [transport-ws]
                type = transport
                protocol = ws
                [a](!)
                type = auth
                password = x
                [1001]
                type = endpoint
                context = from-agents
                auth = 1001-auth
                aors = 1001
                [1001-auth](a)
                [1001]
                type = aor
                [webrtc1001]
                type = endpoint
                context = from-agents
                webrtc = yes
                aors = webrtc1001
                [webrtc1001]
                type = aor
                """;
        AsteriskContract.pjsip(AsteriskConf.parse("pjsip.conf", pj), dp, List.of("1001"), List.of("webrtc1001"));
        assertThatThrownBy(() -> AsteriskContract.pjsip(AsteriskConf.parse("pjsip.conf",
                pj.replace("protocol = ws", "protocol = tcp")), dp, List.of("1001"), List.of("webrtc1001")))
                .hasMessageContaining("no transport with protocol = ws or wss");
        assertThatThrownBy(() -> AsteriskContract.pjsip(AsteriskConf.parse("pjsip.conf",
                pj.replace("webrtc = yes", "webrtc = no")), dp, List.of("1001"), List.of("webrtc1001")))
                .hasMessageContaining("endpoint [webrtc1001]: not a WebRTC endpoint");
        assertThatThrownBy(() -> AsteriskContract.pjsip(AsteriskConf.parse("pjsip.conf", pj), dp,
                List.of("1001", "1002"), List.of("webrtc1001")))
                .hasMessageContaining("no endpoint [1002]");
        assertThatThrownBy(() -> AsteriskContract.pjsip(AsteriskConf.parse("pjsip.conf",
                pj.replace("password = x", "username = x")), dp, List.of("1001"), List.of("webrtc1001")))
                .hasMessageContaining("auth [1001-auth]: no password");
    }

    @Test
    void dialContextWithoutThePhonesFails() {
        Dialplan dp = Dialplan.of(AsteriskConf.parse("extensions.conf", """
                [agents]
                exten => _100[1-5],1,Dial(PJSIP/${EXTEN})
                [from-agents]
                include => agents
                exten => 4000,1,Goto(hotline,4000,1)
                """));
        AsteriskContract.dialContext(dp, "from-agents", List.of("1001", "1005"));
        assertThatThrownBy(() -> AsteriskContract.dialContext(dp, "from-agents", List.of("1006")))
                .hasMessageContaining("extension 1006 is not routable");
        assertThatThrownBy(() -> AsteriskContract.dialContext(dp, "from-phones", List.of("1001")))
                .hasMessageContaining("no [from-phones] context");
    }

    @Test
    void composeInterpolationFollowsDockerCompose() {
        Map<String, String> env = Map.of("SET", "v", "EMPTY", "");
        assertThat(ComposeFile.interpolate("${SET} ${UNSET:-d} ${EMPTY:-d} ${EMPTY-d} ${SET:+alt} $$SET $SET",
                env)).isEqualTo("v d d  alt $SET v");
        assertThatThrownBy(() -> ComposeFile.interpolate("${UNSET:?set UNSET in docker/.env}", env))
                .hasMessageContaining("set UNSET in docker/.env");
    }
}
