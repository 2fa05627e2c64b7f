package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.platform.event.HotlineEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The event filter of the AMI socket ({@link AmiEventFilter}) drops no event the platform maps: every capture's
 * server messages go to the call-state units once all of them and once only those the filter keeps, with every
 * channel followed as a call from its {@code Newchannel} (so that every event of every channel is mapped), and both
 * runs publish the same platform events in the same order.
 */
class AmiEventFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"a22-ami-atxfer-dial-t.txt", "a22-ami-restart-qualify.txt", "ami-agi-ivr-events.txt",
            "ami-chanspy-mixmonitor.txt", "ami-originate.txt", "ami-queue-abandon.txt", "ami-queue-answered.txt",
            "ami-queue-member-actions.txt", "ami-queue-status-summary.txt", "ami-sip-ivr-call.txt",
            "ami-sip-queue-calls.txt", "ami-transfer-redirect-blind-atxfer.txt"})
    void aCaptureGivesTheSamePlatformEventsWithAndWithoutTheFilter(String capture) {
        List<String> messages = AmiCapture.load(capture).blocks().stream()
                .filter(b -> b.direction() == AmiCapture.Direction.SERVER).map(AmiCapture.Block::text).toList();

        Replay all = replay(messages, false);
        Replay kept = replay(messages, true);

        if (messages.stream().anyMatch(m -> m.startsWith("Event: Newchannel"))) {
            assertThat(all.published).isNotEmpty(); // (one capture has queue member actions only, no channel)
        }
        assertThat(kept.published).containsExactlyElementsOf(all.published);
    }

    @Test
    void theSixHundredCallLoadGivesTheSamePlatformEventsFromUnderHalfOfItsEvents() {
        List<String> messages = rawMessages("ami-load-600calls.txt.gz");

        Replay all = replay(messages, false);
        Replay kept = replay(messages, true);

        assertThat(all.published).hasSizeGreaterThan(1200);
        assertThat(kept.published).containsExactlyElementsOf(all.published);
        assertThat(kept.events).isLessThan(all.events / 2); // VarSet, Newexten, Newstate, Cdr, ... skipped unread
    }

    @Test
    void aVarSetIsKeptOnlyForTheRecordingsFileNameAndAnyEventAnsweringAnActionIsKept() {
        assertThat(keeps("Event: VarSet\r\nChannel: PJSIP/1001-01\r\nVariable: MIXMONITOR_FILENAME\r\n"
                + "Value: /var/spool/asterisk/monitor/a.wav\r\nUniqueid: 1.1\r\n")).isTrue();
        assertThat(keeps("Event: VarSet\r\nChannel: PJSIP/1001-01\r\nVariable: BRIDGEPEER\r\nValue: x\r\n")).isFalse();
        assertThat(keeps("Event: Newexten\r\nChannel: PJSIP/1001-01\r\nApplication: Wait\r\n")).isFalse();
        assertThat(keeps("Event: Status\r\nActionID: 42\r\nChannel: PJSIP/1001-01\r\n")).isTrue();
        assertThat(keeps("event: newchannel\r\nChannel: PJSIP/1001-01\r\nUniqueid: 1.1\r\n")).isTrue();
        assertThat(keeps("Response: Success\r\nActionID: 43\r\nMessage: Authentication accepted\r\n")).isTrue();
    }

    @Test
    void anEventLosesTheSnapshotHeadersNoMappingReadsButAnEventAnsweringAnActionKeepsThemAll() {
        assertThat(filtered("Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/1001-01\r\nChannelState: 6\r\n"
                + "CallerIDNum: 1001\r\nContext: agents\r\nUniqueid: 1.1\r\nLinkedid: 1.0\r\nCause: 16\r\n"))
                .isEqualTo("Event: Hangup\r\nChannel: PJSIP/1001-01\r\nUniqueid: 1.1\r\nCause: 16");
        String listed = "Event: CoreShowChannel\r\nActionID: 7\r\nChannel: PJSIP/1001-01\r\nCallerIDNum: 1001\r\n"
                + "Context: agents\r\nUniqueid: 1.1";
        assertThat(filtered(listed)).isEqualTo(listed);
    }

    private static boolean keeps(String message) {
        return filtered(message) != null;
    }

    /** What the socket hands on of {@code message}: its lines, or null when it skips it. */
    private static String filtered(String message) {
        Lines l = Lines.of(message);
        List<String> out = new ArrayList<>();
        return AmiEventFilter.filter(l.bytes, l.starts, l.ends, l.count, out) ? String.join("\r\n", out) : null;
    }

    private record Replay(List<HotlineEvent> published, int events) {
    }

    private static Replay replay(List<String> messages, boolean filtered) {
        CallUnits u = new CallUnits();
        int events = 0;
        for (String message : messages) {
            String handed = filtered ? filtered(message) : message;
            if (handed == null) {
                continue;
            }
            ManagerEvent e = CapturedEvents.build(handed);
            if (e == null) {
                continue;
            }
            events++;
            if (e instanceof NewChannelEvent n) {
                u.calls.track(n.getUniqueId(), n.getChannel());
            }
            u.tracker.onEvent(CallUnits.SERVER, e);
        }
        u.tracker.sweep();
        return new Replay(new ArrayList<>(u.published), events);
    }

    private static List<String> rawMessages(String file) {
        try (InputStream in = AmiEventFilterTest.class.getClassLoader().getResourceAsStream("asterisk/" + file)) {
            String text = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
            return List.of(text.split("\r\n\r\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message's lines as the socket holds them: back to back, without their line ends. */
    private record Lines(byte[] bytes, int[] starts, int[] ends, int count) {
        static Lines of(String message) {
            String[] lines = message.replaceAll("(?m)^#.*(\r?\n|$)", "").split("\r?\n");
            List<String> kept = new ArrayList<>();
            for (String line : lines) {
                if (!line.isEmpty()) {
                    kept.add(line);
                }
            }
            byte[] all = String.join("", kept).getBytes(StandardCharsets.UTF_8);
            int[] starts = new int[kept.size()];
            int[] ends = new int[kept.size()];
            int at = 0;
            for (int i = 0; i < kept.size(); i++) {
                int n = kept.get(i).getBytes(StandardCharsets.UTF_8).length;
                starts[i] = at;
                ends[i] = at + n;
                at += n;
            }
            return new Lines(all, starts, ends, kept.size());
        }
    }
}
