package org.hotline.cti.asterisk.agi.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted caller for {@link FakeAsteriskAgi#call}: the {@code agi_*} environment Asterisk sends and how the caller
 * and the switch behave.
 * <ul>
 * <li><b>Keys</b> ({@link Builder#keys}): each STREAM FILE with escape digits (other than D, the platform's wake-up
 * key, which no caller presses), GET DATA and WAIT FOR DIGIT takes the
 * next entry, in order: a key ({@code "1"}), a string for GET DATA ({@code "123#"}, {@code "12"} = typed then
 * timeout), {@link #TIMEOUT}, or {@link #HANGUP} (the caller hangs up during that command, also during a STREAM FILE
 * without escape digits). With no entry left, prompts play to the end and waits time out.</li>
 * <li><b>Hang-up at command N</b> (1 = the first command, usually ANSWER): the caller hangs up while command N runs,
 * reported in the chosen {@link HangupStyle}; afterwards the channel is dead: 511 to STREAM FILE, WAIT FOR DIGIT,
 * GET DATA, CHANNEL STATUS, HANGUP, ANSWER and SAY, still 200 to GET/SET VARIABLE, EXEC, DATABASE and VERBOSE, as the
 * capture shows.</li>
 * <li><b>Raw replies</b> ({@link Builder#replyAt}) replace the reply to command N (e.g. {@code "garbage\n"});
 * {@link Builder#silentFrom} stops replying from command N on.</li>
 * <li><b>Dial</b>: see {@link DialPlan}.</li>
 * </ul>
 */
public final class CallerPlan {
    /** Key entry: the caller presses nothing before the command times out. */
    public static final String TIMEOUT = "TIMEOUT";
    /** Key entry: the caller hangs up during the command. */
    public static final String HANGUP = "HANGUP";

    private final Map<String, String> environment;
    private final List<String> keys;
    private final int hangupAtCommand;
    private final HangupStyle hangupStyle;
    private final Duration hangupDelay;
    private final Map<Integer, String> rawReplies;
    private final int silentFrom;
    private final DialPlan dial;
    private final Duration readTimeout;
    private final Duration timeoutWaitCap;
    private final Map<String, String> variables;
    private final DialObserver dialObserver;
    private final String agentChannelSuffix;

    /**
     * Told what happens to the agent's leg of an {@code EXEC Dial}, on the call's own thread, so that a peer can send
     * the AMI events Asterisk sends at those moments. Each method runs before the fake goes on.
     */
    public interface DialObserver {
        /** The Dial has begun: the agent's channel exists and rings. */
        default void ringing(String device, String agentChannel) {
        }

        /** The agent answered and the answered gosub's session (if any) has ended: the two are bridged. */
        default void answered(String device, String agentChannel) {
        }

        /** The conversation is over; the Dial is about to return. */
        default void conversationOver(String device, String agentChannel) {
        }
    }

    private static final DialObserver NO_OBSERVER = new DialObserver() {
    };

    private CallerPlan(Builder b) {
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.keys = List.copyOf(b.keys);
        this.hangupAtCommand = b.hangupAtCommand;
        this.hangupStyle = b.hangupStyle;
        this.hangupDelay = b.hangupDelay;
        this.rawReplies = Map.copyOf(b.rawReplies);
        this.silentFrom = b.silentFrom;
        this.dial = b.dial;
        this.readTimeout = b.readTimeout;
        this.timeoutWaitCap = b.timeoutWaitCap;
        this.variables = Map.copyOf(b.variables);
        this.dialObserver = b.dialObserver;
        this.agentChannelSuffix = b.agentChannelSuffix;
    }

    /** A caller whose channel has the given uniqueid; the rest of the environment has defaults. */
    public static Builder caller(String uniqueId) {
        return new Builder(uniqueId);
    }

    /** The {@code agi_*} values (without the {@code agi_} prefix), in Asterisk's order. */
    public Map<String, String> environment() {
        return environment;
    }

    public String uniqueId() {
        return environment.get("uniqueid");
    }

    public String channel() {
        return environment.get("channel");
    }

    List<String> keys() {
        return keys;
    }

    int hangupAtCommand() {
        return hangupAtCommand;
    }

    HangupStyle hangupStyle() {
        return hangupStyle;
    }

    Duration hangupDelay() {
        return hangupDelay;
    }

    String rawReplyAt(int command) {
        return rawReplies.get(command);
    }

    boolean silentAt(int command) {
        return silentFrom > 0 && command >= silentFrom;
    }

    DialPlan dial() {
        return dial;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    Duration timeoutWaitCap() {
        return timeoutWaitCap;
    }

    Map<String, String> variables() {
        return variables;
    }

    DialObserver dialObserver() {
        return dialObserver;
    }

    /** The agent's channel for a Dial of {@code device}: {@code PJSIP/1001-00000042} unless told otherwise. */
    String agentChannel(String device) {
        return device + "-" + agentChannelSuffix;
    }

    /**
     * The environment as Asterisk sends it: in two chunks (the second from {@code agi_extension} on, as in the
     * capture), the second ending with the empty line. {@code agi_request} names {@code host:port}.
     */
    List<String> environmentChunks(String host, int port) {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        StringBuilder into = first;
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().equals("extension")) {
                into = second;
            }
            String value = e.getKey().equals("request") ? "agi://" + host + ":" + port + "/" + e.getValue()
                    : e.getValue();
            into.append("agi_").append(e.getKey()).append(": ").append(value).append('\n');
        }
        second.append('\n');
        return first.isEmpty() ? List.of(second.toString()) : List.of(first.toString(), second.toString());
    }

    /** Builds a {@link CallerPlan}. */
    public static final class Builder {
        private final LinkedHashMap<String, String> environment = new LinkedHashMap<>();
        private final List<String> arguments = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private int hangupAtCommand;
        private HangupStyle hangupStyle = HangupStyle.RESULT_THEN_HANGUP_LINE;
        private Duration hangupDelay = Duration.ZERO;
        private final Map<Integer, String> rawReplies = new HashMap<>();
        private int silentFrom;
        private DialPlan dial = DialPlan.noAnswer(Duration.ZERO);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration timeoutWaitCap = Duration.ZERO;
        private final Map<String, String> variables = new HashMap<>();
        private DialObserver dialObserver = NO_OBSERVER;
        private String agentChannelSuffix = "00000042";

        private Builder(String uniqueId) {
            environment.put("network", "yes");
            environment.put("network_script", "hotline?flow=main");
            environment.put("request", "hotline?flow=main");
            environment.put("channel", "PJSIP/trunk-0000001a");
            environment.put("language", "zh");
            environment.put("type", "PJSIP");
            environment.put("uniqueid", Objects.requireNonNull(uniqueId, "uniqueId"));
            environment.put("version", "20.20.1");
            environment.put("callerid", "13800138000");
            environment.put("calleridname", "Alice");
            environment.put("callingpres", "0");
            environment.put("callingani2", "0");
            environment.put("callington", "0");
            environment.put("callingtns", "0");
            environment.put("dnid", "4000");
            environment.put("rdnis", "unknown");
            environment.put("context", "hotline");
            environment.put("extension", "4000");
            environment.put("priority", "3");
            environment.put("enhanced", "0.0");
            environment.put("accountcode", "");
            environment.put("threadid", "139976060942016");
        }

        /** The request path after {@code agi://host:port/}, with its query: {@code hotline?flow=main}. */
        public Builder requestPath(String path) {
            environment.put("network_script", path);
            environment.put("request", path);
            return this;
        }

        public Builder callerId(String number) {
            environment.put("callerid", number);
            return this;
        }

        public Builder callerIdName(String name) {
            environment.put("calleridname", name);
            return this;
        }

        public Builder channel(String channel) {
            environment.put("channel", channel);
            return this;
        }

        public Builder language(String language) {
            environment.put("language", language);
            return this;
        }

        public Builder dnid(String dnid) {
            environment.put("dnid", dnid);
            return this;
        }

        public Builder extension(String extension) {
            environment.put("extension", extension);
            return this;
        }

        public Builder context(String context) {
            environment.put("context", context);
            return this;
        }

        /** Any other {@code agi_} value (key without the prefix); null removes it. */
        public Builder env(String key, String value) {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
            return this;
        }

        /** Dialplan arguments, sent as {@code agi_arg_1}, {@code agi_arg_2}, ... */
        public Builder args(String... args) {
            arguments.clear();
            arguments.addAll(List.of(args));
            return this;
        }

        /** The caller's keys, one entry per DTMF-taking command (see {@link CallerPlan}). */
        public Builder keys(String... entries) {
            keys.clear();
            keys.addAll(List.of(entries));
            return this;
        }

        /** The caller hangs up during command {@code n} (1-based), reported in {@code style}. */
        public Builder hangupAtCommand(int n, HangupStyle style) {
            this.hangupAtCommand = n;
            this.hangupStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /** How a {@link #HANGUP} key entry is reported. */
        public Builder hangupStyle(HangupStyle style) {
            this.hangupStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /** How long the command in flight runs before the hang-up is reported. */
        public Builder hangupDelay(Duration delay) {
            this.hangupDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** Replaces the reply to command {@code n} with {@code raw} (LF-terminated lines, sent in one write). */
        public Builder replyAt(int n, String raw) {
            rawReplies.put(n, raw);
            return this;
        }

        /** From command {@code n} on, the fake reads commands but answers nothing (a hung Asterisk). */
        public Builder silentFrom(int n) {
            this.silentFrom = n;
            return this;
        }

        public Builder dial(DialPlan plan) {
            this.dial = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /** How long the fake waits for the platform's next command before it gives up (default 20 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** A timed-out WAIT FOR DIGIT / GET DATA waits the requested time up to this cap (default: replies at once). */
        public Builder timeoutWaitCap(Duration cap) {
            this.timeoutWaitCap = Objects.requireNonNull(cap, "cap");
            return this;
        }

        /** A channel variable set before the call reaches the platform. */
        public Builder variable(String name, String value) {
            variables.put(name, value);
            return this;
        }

        /** Told of the agent leg's moments during an {@code EXEC Dial} (default: nobody). */
        public Builder onDial(DialObserver observer) {
            this.dialObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** The agent's channel is the dialled device + {@code -} + this (Asterisk's 8 hex digits; default 00000042). */
        public Builder agentChannelSuffix(String suffix) {
            this.agentChannelSuffix = Objects.requireNonNull(suffix, "suffix");
            return this;
        }

        public CallerPlan build() {
            for (int i = 0; i < arguments.size(); i++) {
                environment.put("arg_" + (i + 1), arguments.get(i));
            }
            return new CallerPlan(this);
        }
    }
}
