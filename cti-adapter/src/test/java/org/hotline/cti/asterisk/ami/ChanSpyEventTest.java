package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java maps every AMI event it is handed onto a bean and warns ("no setter") for each field its class
 * lacks; its ChanSpyStartEvent lacks SpyerAccountCode, so each listen / whisper / barge start logged a WARN. The
 * platform has no use for ChanSpyStart / ChanSpyStop, so the AMI socket skips them unread ({@link AmiEventFilter})
 * and they warn no more; Asterisk-Java's logging stays as it is for the events it is handed.
 */
class ChanSpyEventTest {
    private final Logger asteriskJava = (Logger) LoggerFactory.getLogger("org.asteriskjava");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        asteriskJava.addAppender(logged);
    }

    @AfterEach
    void release() {
        asteriskJava.detachAppender(logged);
    }

    private List<String> fieldWarnings() {
        return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("Unable to set property")).toList();
    }

    @Test
    void aChanSpyStartAndStopLogNoWarningFromAsteriskJava() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-chanspy-mixmonitor.txt").afterLogin();
            session.replay(blocks.subList(TransferAndHoldTest.indexOfEvent(blocks, "ChanSpyStart"),
                    TransferAndHoldTest.indexOfEvent(blocks, "ChanSpyStop") + 1));
            // a second spy start, as each supervisor's listen / whisper / barge sends one
            session.replay(blocks.subList(TransferAndHoldTest.indexOfEvent(blocks, "ChanSpyStart"),
                    TransferAndHoldTest.indexOfEvent(blocks, "ChanSpyStart") + 1));
            f.drain(session);

            assertThat(fieldWarnings()).isEmpty();
        }
    }

    @Test
    void aFieldAsteriskJavaCannotMapIsStillWarnedAbout() throws Exception {
        // the fix is skipping unused events, not a silenced logger: an unknown field of an event the platform
        // handles still warns
        try (AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            session.send("Event: Hangup", "Privilege: call,all", "Channel: PJSIP/1001-00000002",
                    "Uniqueid: 1700000000.9", "Cause: 16", "Cause-txt: Normal Clearing", "HangupFutureField: x");
            f.drain(session);

            assertThat(fieldWarnings()).singleElement().asString().contains("hangupfuturefield");
        }
    }
}
