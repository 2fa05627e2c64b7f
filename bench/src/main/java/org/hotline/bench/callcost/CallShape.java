package org.hotline.bench.callcost;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;

/**
 * The AMI events Asterisk 22 sends for one answered call, as the platform's AMI account receives them (only the events
 * the {@code eventfilter} lines of {@code docker/asterisk/manager.conf} let through), cut into the moments of the
 * call and given each call's own channel names. Taken from the PJSIP capture {@code a22-ami-atxfer-dial-t.txt}: a
 * trunk caller answered, {@code Dial(PJSIP/1001,15,tU(...))}, the agent rings and answers, both bridged. The capture
 * goes on with a transfer; the end of a plain call is made from the same call's own events: each channel's
 * {@code BridgeEnter} becomes its {@code BridgeLeave}, and, without the bridge's fields and with the capture's
 * {@code Cause} lines, its {@code Hangup}; the device goes back to {@code NOT_INUSE}; the capture's
 * {@code BridgeDestroy} and the trunk's own device-state change close it.
 */
final class CallShape {
    /** The moments of a call at which Asterisk sends events. */
    enum Moment {
        /** The caller's channel exists (before the dialplan starts the FastAGI session). */
        ARRIVAL,
        /** The Dial began: the agent's channel exists and its phone rings. */
        RINGING,
        /** The agent answered: DialEnd ANSWER and both channels in the bridge. */
        ANSWERED,
        /** The agent hung up: the agent's channel leaves the bridge and is gone; the bridge is destroyed. */
        AGENT_HUNG_UP,
        /** The caller's channel is hung up at the end of the dialplan. */
        CALLER_HUNG_UP
    }

    /** One call's names, put where the capture has its own. */
    record Names(String callerChannel, String callerUniqueid, String callerNumber, String agentDevice,
                 String agentChannel, String agentUniqueid, String bridgeId) {
        /** The same call once the Dial has named the agent's phone and channel. */
        Names withAgent(String device, String channel) {
            return new Names(callerChannel, callerUniqueid, callerNumber, device, channel, agentUniqueid, bridgeId);
        }
    }

    private static final String CAPTURE = "a22-ami-atxfer-dial-t.txt";
    private static final String CALLER_CHANNEL = "PJSIP/lab-trunk-00000000";
    private static final String CALLER_UNIQUEID = "1796164244.0";
    private static final String CALLER_NUMBER = "13800138000";
    private static final String AGENT_CHANNEL = "PJSIP/1001-00000001";
    private static final String AGENT_UNIQUEID = "1796164245.1";
    private static final String AGENT_DEVICE = "PJSIP/1001";
    private static final String BRIDGE = "df378cf2-967c-4e78-8b92-587d8cf7da66";
    private static final String TRUNK_DEVICE = "PJSIP/lab-trunk";
    // the capture's names become these tokens once, then each call's names replace the tokens
    private static final String T_CALLER_CHANNEL = "\u0001CC\u0001";
    private static final String T_CALLER_UNIQUEID = "\u0001CU\u0001";
    private static final String T_CALLER_NUMBER = "\u0001CN\u0001";
    private static final String T_AGENT_CHANNEL = "\u0001AC\u0001";
    private static final String T_AGENT_UNIQUEID = "\u0001AU\u0001";
    private static final String T_AGENT_DEVICE = "\u0001AD\u0001";
    private static final String T_BRIDGE = "\u0001BR\u0001";

    private final Map<Moment, List<String>> templates;

    private CallShape(Map<Moment, List<String>> templates) {
        this.templates = templates;
    }

    /** The shape, keeping only the events named in {@code delivered} (lower-case names, as the platform lists them). */
    static CallShape fromCapture(Set<String> delivered) {
        List<AmiCapture.Block> blocks = AmiCapture.load(CAPTURE).blocks();
        Map<Moment, List<String>> t = new EnumMap<>(Moment.class);
        for (Moment m : Moment.values()) {
            t.put(m, new ArrayList<>());
        }
        Moment moment = Moment.ARRIVAL;
        String agentEnter = null;
        String callerEnter = null;
        String agentDeviceState = null;
        String bridgeDestroy = null;
        String trunkFree = null;
        boolean transferStarted = false;
        for (AmiCapture.Block b : blocks) {
            if (b.direction() == AmiCapture.Direction.CLIENT) {
                transferStarted |= "Atxfer".equalsIgnoreCase(b.action());
                continue;
            }
            String event = b.field("Event");
            if (event == null || !delivered.contains(event.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String text = b.text();
            if (transferStarted) { // from here on the capture's call is not a plain one: keep only its closing events
                if (b.isEvent("BridgeDestroy") && BRIDGE.equals(b.field("BridgeUniqueid"))) {
                    bridgeDestroy = text;
                } else if (b.isEvent("DeviceStateChange") && TRUNK_DEVICE.equals(b.field("Device"))) {
                    trunkFree = text;
                }
                continue;
            }
            if (b.isEvent("Newchannel") && AGENT_CHANNEL.equals(b.field("Channel"))) {
                moment = Moment.RINGING;
            } else if (b.isEvent("DialEnd")) {
                moment = Moment.ANSWERED;
            }
            if (b.isEvent("BridgeEnter")) {
                if (AGENT_CHANNEL.equals(b.field("Channel"))) {
                    agentEnter = text;
                } else {
                    callerEnter = text;
                }
            }
            if (b.isEvent("DeviceStateChange") && AGENT_DEVICE.equals(b.field("Device"))) {
                agentDeviceState = text;
            }
            t.get(moment).add(text);
        }
        if (agentEnter == null || callerEnter == null || agentDeviceState == null || bridgeDestroy == null
                || trunkFree == null) {
            throw new IllegalStateException(CAPTURE + " lacks an event this shape is made of");
        }
        t.get(Moment.AGENT_HUNG_UP).addAll(List.of(leave(agentEnter, 1), hangup(agentEnter),
                agentDeviceState.replaceFirst("State: [A-Z_]+", "State: NOT_INUSE"), leave(callerEnter, 0),
                bridgeDestroy));
        t.get(Moment.CALLER_HUNG_UP).addAll(List.of(hangup(callerEnter), trunkFree));
        Map<Moment, List<String>> tokenised = new EnumMap<>(Moment.class);
        t.forEach((m, texts) -> tokenised.put(m, texts.stream().map(CallShape::tokenise).toList()));
        return new CallShape(tokenised);
    }

    /** The events of {@code moment} for the call named {@code n}, as one write's bytes. */
    byte[] events(Moment moment, Names n) {
        StringBuilder out = new StringBuilder(2048);
        for (String template : templates.get(moment)) {
            out.append(template.replace(T_AGENT_CHANNEL, n.agentChannel())
                    .replace(T_AGENT_UNIQUEID, n.agentUniqueid())
                    .replace(T_AGENT_DEVICE, n.agentDevice())
                    .replace(T_CALLER_CHANNEL, n.callerChannel())
                    .replace(T_CALLER_UNIQUEID, n.callerUniqueid())
                    .replace(T_CALLER_NUMBER, n.callerNumber())
                    .replace(T_BRIDGE, n.bridgeId()));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** How many events a call of this shape sends. */
    int eventsPerCall() {
        return templates.values().stream().mapToInt(List::size).sum();
    }

    private static String tokenise(String text) {
        return text.replace(AGENT_CHANNEL, T_AGENT_CHANNEL)
                .replace(AGENT_UNIQUEID, T_AGENT_UNIQUEID)
                .replace(AGENT_DEVICE, T_AGENT_DEVICE)
                .replace(CALLER_CHANNEL, T_CALLER_CHANNEL)
                .replace(CALLER_UNIQUEID, T_CALLER_UNIQUEID)
                .replace(CALLER_NUMBER, T_CALLER_NUMBER)
                .replace(BRIDGE, T_BRIDGE);
    }

    /** A channel's BridgeLeave: its BridgeEnter renamed, with the channels left in the bridge. */
    private static String leave(String enter, int channelsLeft) {
        return enter.replace("Event: BridgeEnter", "Event: BridgeLeave")
                .replaceFirst("BridgeNumChannels: \\d+", "BridgeNumChannels: " + channelsLeft);
    }

    /** A channel's Hangup: its BridgeEnter's channel fields (the bridge's left out), with a normal clearing. */
    private static String hangup(String enter) {
        StringBuilder out = new StringBuilder();
        for (String line : enter.split("\r\n")) {
            if (line.isEmpty() || line.startsWith("Bridge")) {
                continue;
            }
            out.append(line.equals("Event: BridgeEnter") ? "Event: Hangup" : line).append("\r\n");
        }
        return out.append("Cause: 16\r\nCause-txt: Normal Clearing\r\n\r\n").toString();
    }
}
