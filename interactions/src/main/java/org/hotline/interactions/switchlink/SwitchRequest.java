package org.hotline.interactions.switchlink;

import java.io.Serializable;
import org.hotline.platform.telephony.Originate.OriginateRequest;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchPorts;

/**
 * One call of a switch port, as data, for the node that holds the switch's link: it applies the request to its own
 * ports and the answer travels back. Each answer is a {@code SwitchResult} (or a Boolean for presence), so a refusal
 * reads the same on every node.
 */
sealed interface SwitchRequest extends Serializable {
    Serializable applyTo(SwitchPorts ports);

    record Answer(String device) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return ports.control().answer(device);
        }
    }

    record Hangup(String callId) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return ports.control().hangup(callId);
        }
    }

    record Transfer(String callId, String target, boolean attended) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return attended ? ports.control().attendedTransfer(callId, target)
                    : ports.control().transfer(callId, target);
        }
    }

    record Hold(String callId, boolean onHold) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return ports.control().hold(callId, onHold);
        }
    }

    record Recording(String callId, boolean start) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return start ? ports.control().startRecording(callId) : ports.control().stopRecording(callId);
        }
    }

    record Dial(OriginateRequest request) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return ports.originate().originate(request);
        }
    }

    record Spy(String supervisorDevice, String agentDevice, SpyMode mode) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return ports.supervision().spy(supervisorDevice, agentDevice, mode);
        }
    }

    record DeviceAvailable(String device) implements SwitchRequest {
        @Override
        public Serializable applyTo(SwitchPorts ports) {
            return ports.presence().deviceAvailable(device);
        }
    }
}
