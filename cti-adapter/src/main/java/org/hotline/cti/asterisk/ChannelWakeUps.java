package org.hotline.cti.asterisk;

/**
 * Wakes a FastAGI session's {@code WAIT FOR DIGIT} from outside, so that a caller waiting in a queue is rung as soon
 * as routing reserves an agent instead of at the end of the wait. Asterisk has no AGI-level interrupt; what it offers
 * is AMI {@code PlayDTMF} with {@code Receive: true} (Asterisk 16+): a key is queued on the channel as if the caller
 * had pressed it, and the wait returns it ({@link #KEY}, which no phone keypad has). Async AGI or a {@code Redirect}
 * would take the caller out of the session that also hears the caller's keys and hang-up. Implemented by the AMI
 * side ({@code AmiGateway}); in a cluster only by the node holding the switch's link.
 */
public interface ChannelWakeUps {
    /** The key a wake-up queues on the channel. */
    char KEY = 'D';

    /** None: the sessions wait in short steps instead. */
    ChannelWakeUps NONE = new ChannelWakeUps() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void wake(String switchId, String channel) {
        }
    };

    /** Whether a wake-up can reach the switch now (its AMI link is up). */
    boolean available();

    /**
     * Queues {@link #KEY} on {@code channel} (uniqueid {@code switchId}) without waiting for the switch's answer; it
     * may block briefly while the action is written, so call it off routing's lock (the session's own wake-up thread
     * does). A wake-up that fails is only logged: the session's wait ends at its timeout anyway.
     */
    void wake(String switchId, String channel);
}
