package org.hotline.cti.asterisk;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls the platform handles on Asterisk. The FastAGI server tracks each call when its session starts (call id =
 * the caller channel's {@code uniqueid}, channel = its name); the AMI side follows these channels and publishes their
 * events (hang-up, hold, transfer, recording), so that there is exactly one source for each. Thread-safe.
 */
public final class AsteriskCalls {
    private final Map<String, String> channelByCall = new ConcurrentHashMap<>();
    private final Map<String, String> callByChannel = new ConcurrentHashMap<>();

    public void track(String callId, String channel) {
        if (callId == null || callId.isBlank() || channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("callId and channel are required");
        }
        String old = channelByCall.put(callId, channel);
        if (old != null && !old.equals(channel)) {
            callByChannel.remove(old, callId);
        }
        callByChannel.put(channel, callId);
    }

    public boolean isTracked(String callId) {
        return callId != null && channelByCall.containsKey(callId);
    }

    public Optional<String> channelOf(String callId) {
        return callId == null ? Optional.empty() : Optional.ofNullable(channelByCall.get(callId));
    }

    public Optional<String> callIdOfChannel(String channel) {
        return channel == null ? Optional.empty() : Optional.ofNullable(callByChannel.get(channel));
    }

    /** Stops following a call (after its hang-up was published). */
    public void forget(String callId) {
        String channel = callId == null ? null : channelByCall.remove(callId);
        if (channel != null) {
            callByChannel.remove(channel, callId);
        }
    }

    public Set<String> callIds() {
        return Set.copyOf(channelByCall.keySet());
    }
}
