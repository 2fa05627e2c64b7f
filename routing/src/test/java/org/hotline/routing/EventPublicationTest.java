package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscribers may call back into the ACD from inside a publication: no deadlock, and events keep their order. */
class EventPublicationTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void anAgentThatAnswersFromInsideTheOfferEventIsOnCallInOrder() throws Exception {
        f.bus.subscribe(CallOffered.class, e -> f.acd.answered(e.callId()));
        f.ready("agent1", "support");
        int mark = f.mark();

        var waiting = f.queued(call("c1", "support", 0));

        assertThat(f.state("agent1")).isEqualTo(ON_CALL);
        assertThat(waiting.awaitReservation(Duration.ZERO)).isPresent();
        assertThat(f.since(mark)).extracting(e -> e.getClass().getSimpleName() + (e instanceof AgentStateChanged a ? ":" + a.state() : ""))
                .containsExactly("CallQueued", "CallOffered", "AgentStateChanged:RESERVED", "CallAnswered",
                        "AgentStateChanged:ON_CALL");
    }

    @Test
    void aHangUpPublishedFromInsideTheOfferEventFreesTheAgent() {
        f.bus.subscribe(CallOffered.class,
                e -> f.bus.publish(new CallHungUp(e.callId(), HangupParty.CALLER, "gone", e.at())));
        f.ready("agent1", "support");

        f.queued(call("c1", "support", 0));

        assertThat(f.state("agent1")).isEqualTo(READY);
        assertThat(f.agentEvents("agent1")).extracting(AgentStateChanged::state).endsWith(READY, RESERVED, READY);
        assertThat(f.events(CallAbandoned.class)).extracting(CallAbandoned::callId).containsExactly("c1");
    }

    @Test
    void aSubscriberOnAnotherThreadThatReadsTheAcdDoesNotBlockPublication() throws Exception {
        f.bus.subscribe(CallQueued.class, e -> {
            Thread reader = Thread.ofVirtual().start(() -> f.acd.agents());
            try {
                reader.join(Duration.ofSeconds(10));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            assertThat(reader.isAlive()).as("another thread can use the ACD while it publishes").isFalse();
        });
        f.ready("agent1", "support");

        f.queued(call("c1", "support", 0));
        f.acd.answered("c1");

        assertThat(f.events(CallAnswered.class)).hasSize(1);
    }
}
