package org.hotline.cti.asterisk;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.platform.call.CallIdGenerator;
import org.hotline.platform.call.CallIds;

/**
 * The calls the platform handles on Asterisk, and the book that translates between the two ids of each call. Inside
 * the adapter a call is known by its <em>switch id</em>, the caller channel's {@code uniqueid} (for a call Hotline
 * originates, the {@code ChannelId} it gave the channel); the platform knows it by its own <em>platform id</em>
 * ({@link CallIdGenerator}), because a uniqueid repeats across Asterisk restarts and servers. The FastAGI server
 * tracks each call when its session starts (switch id, channel name) and binds its new platform id to it; the AMI side
 * follows these channels and publishes their events (hang-up, hold, transfer, recording) translated to the platform
 * id ({@link #platformIdOf}), and translates the platform id of an action back ({@link #switchIdOf}), so that there
 * is exactly one source for each event and the translation stays at the adapter's edges. A call without a binding
 * (click-to-dial: its ChannelId is a platform id already) is known by the same id on both sides. Thread-safe.
 */
public final class AsteriskCalls {
    private final Map<String, String> channelByCall = new ConcurrentHashMap<>();
    private final Map<String, String> callByChannel = new ConcurrentHashMap<>();
    private final Map<String, String> platformBySwitch = new ConcurrentHashMap<>();
    private final Map<String, String> switchByPlatform = new ConcurrentHashMap<>();
    private final CallIdGenerator ids;

    /** A book whose new platform ids are {@code ast-...} ({@link CallIds} on the wall clock). */
    public AsteriskCalls() {
        this(new CallIds("ast", Clock.systemUTC()));
    }

    public AsteriskCalls(CallIdGenerator ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** A new platform id (for a call arriving over FastAGI, a click-to-dial or spy call). */
    public String newCallId() {
        return ids.next();
    }

    /** Follows the call whose switch id is {@code callId} on {@code channel}. */
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

    /** The call known inside the adapter as {@code switchId} is {@code platformId} to the platform. */
    public void bind(String switchId, String platformId) {
        if (switchId == null || switchId.isBlank() || platformId == null || platformId.isBlank()) {
            throw new IllegalArgumentException("switchId and platformId are required");
        }
        String old = platformBySwitch.put(switchId, platformId);
        if (old != null && !old.equals(platformId)) {
            switchByPlatform.remove(old, switchId);
        }
        switchByPlatform.put(platformId, switchId);
    }

    /** The platform id of a call known inside the adapter as {@code switchId} ({@code switchId} when unbound). */
    public String platformIdOf(String switchId) {
        if (switchId == null) {
            return null;
        }
        return platformBySwitch.getOrDefault(switchId, switchId);
    }

    /** The switch id of the call the platform calls {@code platformId} ({@code platformId} when unbound). */
    public String switchIdOf(String platformId) {
        if (platformId == null) {
            return null;
        }
        return switchByPlatform.getOrDefault(platformId, platformId);
    }

    /** Whether the call with this switch id is followed. */
    public boolean isTracked(String callId) {
        return callId != null && channelByCall.containsKey(callId);
    }

    public Optional<String> channelOf(String callId) {
        return callId == null ? Optional.empty() : Optional.ofNullable(channelByCall.get(callId));
    }

    /** The switch id of the call on {@code channel}. */
    public Optional<String> callIdOfChannel(String channel) {
        return channel == null ? Optional.empty() : Optional.ofNullable(callByChannel.get(channel));
    }

    /** Stops following a call (after its hang-up was published), and drops its binding. */
    public void forget(String callId) {
        String channel = callId == null ? null : channelByCall.remove(callId);
        if (channel != null) {
            callByChannel.remove(channel, callId);
        }
        String platformId = callId == null ? null : platformBySwitch.remove(callId);
        if (platformId != null) {
            switchByPlatform.remove(platformId, callId);
        }
    }

    /** The switch ids of the calls followed. */
    public Set<String> callIds() {
        return Set.copyOf(channelByCall.keySet());
    }
}
