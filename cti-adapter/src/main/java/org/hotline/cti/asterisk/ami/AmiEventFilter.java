package org.hotline.cti.asterisk.ami;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Which AMI messages are worth handing to Asterisk-Java at all, decided on the raw bytes of a whole message by
 * {@link GuardedSocket} before any of it is decoded. Asterisk sends every event of every channel; the platform maps
 * about a third of them (in the 600-call capture: 19,200 {@code VarSet}, 5,100 {@code Newexten}, 2,400
 * {@code Newstate}, {@code Cdr}, {@code NewCallerid}, ... of 53,704 events are of no use), and Asterisk-Java would
 * otherwise turn each one into a bean by reflection, queue it and hand it to the gateway's thread, which then ignores
 * it. A message is kept when it is:
 * <ul>
 *   <li>no event (a response, the banner);</li>
 *   <li>an event {@link CallTracker} or {@link AmiLink} handles ({@link #USED}; keep the two in step: a case added to
 *       {@code CallTracker.dispatch} needs its event's name here, and {@code AmiEventFilterTest} replays every capture
 *       with and without this filter and wants the same platform events);</li>
 *   <li>any event carrying an {@code ActionID}: the items and ends of a list an action asked for, which Asterisk-Java
 *       routes to the action's waiting caller;</li>
 *   <li>a {@code VarSet} of a variable the platform reads ({@code MIXMONITOR_FILENAME}).</li>
 * </ul>
 * The events handed on lose the headers no mapping reads ({@link #UNREAD}). Asterisk can drop most of these on its side already (docker/asterisk/manager.conf: the account's {@code read}
 * classes and {@code eventfilter}); this filter keeps the platform cheap against an Asterisk configured otherwise.
 */
final class AmiEventFilter {
    /** The events the platform handles, by AMI name in lower case. */
    static final Set<String> USED = Set.of(
            // CallTracker.dispatch
            "devicestatechange", "newchannel", "hangup", "bridgeenter", "bridgeleave", "bridgedestroy",
            "hanguprequest", "softhanguprequest", "hold", "unhold", "musiconholdstart", "musiconholdstop",
            "mixmonitorstart", "mixmonitorstop", "dialbegin", "dialend", "blindtransfer", "attendedtransfer",
            "originateresponse", "coreshowchannel", "coreshowchannelscomplete", "devicestatelistcomplete", "rename",
            // AmiLink (device list refused before the server was fully booted)
            "fullybooted");
    /**
     * Headers of the channel snapshots Asterisk repeats in every event (for the channel and, in a dial, for the
     * dialled one; for a bridge) that no mapping reads: dropped from the events handed on, so that Asterisk-Java
     * does not set them on its beans by reflection - most of its cost (in the 600-call capture, 169,000 of the 254,000
     * lines of the events the platform handles). The events answering an action (with an ActionID: the resync's
     * lists) keep every header.
     */
    static final Set<String> UNREAD = Set.of("privilege", "channelstate", "channelstatedesc", "calleridnum",
            "calleridname", "connectedlinenum", "connectedlinename", "language", "accountcode", "context", "exten",
            "priority", "linkedid", "bridgetype", "bridgetechnology", "bridgecreator", "bridgename",
            "bridgenumchannels", "bridgevideosourcemode", "destchannelstate", "destchannelstatedesc",
            "destcalleridnum", "destcalleridname", "destconnectedlinenum", "destconnectedlinename", "destlanguage",
            "destaccountcode", "destcontext", "destexten", "destpriority", "destlinkedid");
    /** {@link #UNREAD}'s names as bytes, by length. */
    private static final byte[][][] UNREAD_BY_LENGTH = byLength(UNREAD);
    /** Variables whose {@code VarSet} the platform reads. */
    private static final Set<String> VARIABLES = Set.of(CallEventMapper.MIXMONITOR_FILENAME);

    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACTION_ID = "actionid:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VARIABLE = "variable:".getBytes(StandardCharsets.US_ASCII);

    private AmiEventFilter() {
    }

    private static byte[][][] byLength(Set<String> names) {
        int max = names.stream().mapToInt(String::length).max().orElse(0);
        byte[][][] table = new byte[max + 1][][];
        for (int n = 0; n <= max; n++) {
            int length = n;
            table[n] = names.stream().filter(x -> x.length() == length)
                    .map(x -> x.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        }
        return table;
    }

    /**
     * Hands on the message made of {@code lines} lines of {@code buf} (line {@code i} is {@code starts[i]} up to
     * {@code ends[i]}, without its line end), decoded, to {@code out} - all of it, or the event without the headers
     * of {@link #UNREAD} - or nothing when the platform has no use for it.
     *
     * @return whether the message was handed on
     */
    static boolean filter(byte[] buf, int[] starts, int[] ends, int lines, Collection<String> out) {
        Verdict verdict = verdict(buf, starts, ends, lines);
        if (verdict == Verdict.SKIP) {
            return false;
        }
        for (int i = 0; i < lines; i++) {
            if (verdict == Verdict.TRIMMED && i > 0 && unread(buf, starts[i], ends[i])) {
                continue;
            }
            out.add(new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8));
        }
        return true;
    }

    private enum Verdict { SKIP, WHOLE, TRIMMED }

    private static Verdict verdict(byte[] buf, int[] starts, int[] ends, int lines) {
        if (lines == 0 || !startsWith(buf, starts[0], ends[0], EVENT)) {
            return Verdict.WHOLE;
        }
        for (int i = 1; i < lines; i++) {
            if (startsWith(buf, starts[i], ends[i], ACTION_ID)) {
                return Verdict.WHOLE;
            }
        }
        String name = value(buf, starts[0], ends[0], EVENT.length).toLowerCase(Locale.ROOT);
        if (USED.contains(name)) {
            return Verdict.TRIMMED;
        }
        if (name.equals("varset")) {
            for (int i = 1; i < lines; i++) {
                if (startsWith(buf, starts[i], ends[i], VARIABLE)
                        && VARIABLES.contains(value(buf, starts[i], ends[i], VARIABLE.length))) {
                    return Verdict.TRIMMED;
                }
            }
        }
        return Verdict.SKIP;
    }

    /** Whether the line is a header of {@link #UNREAD}; compares bytes, allocates nothing (every line passes here). */
    private static boolean unread(byte[] buf, int start, int end) {
        int colon = start;
        while (colon < end && buf[colon] != ':') {
            colon++;
        }
        int n = colon - start;
        if (n == 0 || n >= UNREAD_BY_LENGTH.length) {
            return false;
        }
        for (byte[] name : UNREAD_BY_LENGTH[n]) {
            if (startsWith(buf, start, colon, name)) {
                return true;
            }
        }
        return false;
    }

    /** Case-insensitive: does the line begin with {@code prefix} (lower-case ASCII)? */
    private static boolean startsWith(byte[] buf, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int b = buf[start + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The line's value after its {@code Name:} of {@code nameLength} bytes, trimmed. */
    private static String value(byte[] buf, int start, int end, int nameLength) {
        int from = start + nameLength;
        while (from < end && buf[from] == ' ') {
            from++;
        }
        int to = end;
        while (to > from && buf[to - 1] == ' ') {
            to--;
        }
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }
}
