package org.hotline.cti.asterisk.agi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of one call's FastAGI channel, as {@link AgiCallChannel} keeps it.
 *
 * <pre>
 *   ACTIVE ──connect──▶ DIALING ──agent answered──▶ CONNECTED   (the conversation runs inside Asterisk's Dial)
 *     │  ▲                 │
 *     │  └──Dial returned──┘ (no answer, busy, unavailable)
 *     ├──caller hung up / connection lost / HANGUP sent──▶ HUNG_UP
 *     └──malformed reply──▶ FAILED
 *   DIALING ──caller hung up while ringing──▶ HUNG_UP,  DIALING ──malformed reply──▶ FAILED
 * </pre>
 *
 * CONNECTED, HUNG_UP and FAILED are final: no command is sent on the channel any more.
 */
enum AgiChannelState {
    /** Commands may be sent. */
    ACTIVE,
    /** {@code EXEC Dial} is in flight on the Dial thread, which owns the connection until Asterisk's Dial returns. */
    DIALING,
    /** The agent answered; the Dial (the conversation) owns the connection until it ends. */
    CONNECTED,
    /** The caller is gone (or the platform hung up): every command throws {@code CallerHangupException}. */
    HUNG_UP,
    /** Asterisk sent something the protocol does not allow; the session is ended as FAILED. */
    FAILED;

    /** Whether a channel in this state may move to {@code next}. */
    boolean canMoveTo(AgiChannelState next) {
        return next(this).contains(next);
    }

    private static Set<AgiChannelState> next(AgiChannelState from) {
        return switch (from) {
            case ACTIVE -> EnumSet.of(DIALING, HUNG_UP, FAILED);
            case DIALING -> EnumSet.of(ACTIVE, CONNECTED, HUNG_UP, FAILED);
            case CONNECTED, HUNG_UP, FAILED -> EnumSet.noneOf(AgiChannelState.class);
        };
    }
}
