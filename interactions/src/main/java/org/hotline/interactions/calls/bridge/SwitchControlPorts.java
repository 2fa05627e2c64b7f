package org.hotline.interactions.calls.bridge;

import java.util.Objects;
import java.util.function.Supplier;
import org.hotline.platform.call.CallIdGenerator;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.telephony.CallControl;
import org.hotline.platform.telephony.Originate;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchControl;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult;

/**
 * TEMPORARY bridge, to be removed when the switches provide {@link SwitchPorts} themselves (another work package of
 * issue 9): the capability ports over a switch that still implements the all-in-one {@link SwitchControl}. Its
 * exceptions become refusals ({@link NotFoundException} NO_SUCH_CALL, {@link ConflictException} NOT_NOW, with the
 * switch's message). The platform-chosen call id of {@link Originate} reaches the switch through
 * {@link PresetCallIds}, the id generator the switch was built with.
 */
public final class SwitchControlPorts {
    private SwitchControlPorts() {
    }

    /**
     * The ports of {@code sw}, which was built with {@code ids} as its call id generator.
     *
     * @param can what the switch can do
     */
    public static SwitchPorts of(SwitchControl sw, PresetCallIds ids, SwitchCapabilities can) {
        Objects.requireNonNull(sw, "sw");
        Objects.requireNonNull(ids, "ids");
        CallControl control = new CallControl() {
            @Override
            public SwitchResult<Void> answer(String device) {
                return run(() -> sw.answer(device));
            }

            @Override
            public SwitchResult<Void> hangup(String callId) {
                return run(() -> sw.hangup(callId));
            }

            @Override
            public SwitchResult<Void> transfer(String callId, String target) {
                return run(() -> sw.transfer(callId, target));
            }

            @Override
            public SwitchResult<Void> attendedTransfer(String callId, String target) {
                return run(() -> sw.attendedTransfer(callId, target));
            }

            @Override
            public SwitchResult<Void> hold(String callId, boolean onHold) {
                return run(() -> sw.hold(callId, onHold));
            }

            @Override
            public SwitchResult<String> startRecording(String callId) {
                return call(() -> sw.startRecording(callId));
            }

            @Override
            public SwitchResult<Void> stopRecording(String callId) {
                return run(() -> sw.stopRecording(callId));
            }
        };
        Originate originate = new Originate() {
            @Override
            public String newCallId() {
                return ids.fresh();
            }

            @Override
            public SwitchResult<Void> originate(OriginateRequest r) {
                return ids.presetting(r.callId(), () -> run(() -> {
                    String used = sw.originate(r.device(), r.destination(), r.callerId());
                    if (!used.equals(r.callId())) {
                        throw new IllegalStateException("the switch named the call " + used + ", not " + r.callId());
                    }
                }));
            }
        };
        return new SwitchPorts(sw::onIncomingCall, control, originate,
                (supervisor, agent, mode) -> call(() -> sw.spy(supervisor, agent, mode)), sw::deviceAvailable, can);
    }

    private static SwitchResult<Void> run(Runnable action) {
        return call(() -> {
            action.run();
            return null;
        });
    }

    private static <T> SwitchResult<T> call(Supplier<T> action) {
        try {
            return SwitchResult.done(action.get());
        } catch (NotFoundException e) {
            return SwitchResult.refused(SwitchResult.Refusal.NO_SUCH_CALL, e.getMessage());
        } catch (ConflictException e) {
            return SwitchResult.refused(SwitchResult.Refusal.NOT_NOW, e.getMessage());
        }
    }

    /**
     * The call id generator to build a {@link SwitchControl} switch with: its next id is the one the platform chose
     * for the call being originated on this thread, else a fresh one.
     */
    public static final class PresetCallIds implements CallIdGenerator {
        private final CallIdGenerator ids;
        private final ThreadLocal<String> preset = new ThreadLocal<>();

        public PresetCallIds(CallIdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
        }

        @Override
        public String next() {
            String chosen = preset.get();
            if (chosen != null) {
                preset.remove();
                return chosen;
            }
            return ids.next();
        }

        String fresh() {
            return ids.next();
        }

        <T> T presetting(String callId, Supplier<T> action) {
            preset.set(callId);
            try {
                return action.get();
            } finally {
                preset.remove();
            }
        }
    }
}
