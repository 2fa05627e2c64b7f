package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.platform.cluster.NodeRequests;
import org.junit.jupiter.api.Test;

/**
 * In a cluster only the node holding the switch's AMI link can queue the wake-up key on a channel: a session on
 * another node is woken through it ({@link ClusteredAgiPeers#WAKE}), and no wake-up is offered while no node holds
 * the link (the sessions then wait in short steps).
 */
class ClusteredWakeUpTest {
    private final Bus bus = new Bus();
    private final AtomicBoolean someoneHolds = new AtomicBoolean(true);
    private final List<String> queued = new CopyOnWriteArrayList<>();

    private final ClusteredAgiPeers holder = new ClusteredAgiPeers(bus, () -> true, someoneHolds::get,
            new AsteriskCalls(), Duration.ofSeconds(1));
    private final ClusteredAgiPeers other = new ClusteredAgiPeers(bus, () -> false, someoneHolds::get,
            new AsteriskCalls(), Duration.ofSeconds(1));

    private ChannelWakeUps holdersAmi() {
        return new ChannelWakeUps() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public void wake(String switchId, String channel) {
                queued.add(switchId + " " + channel);
            }
        };
    }

    @Test
    void aSessionOnANodeWithoutTheLinkIsWokenByTheNodeHoldingIt() {
        holder.wakeUps(holdersAmi());
        ChannelWakeUps here = other.wakeUps(ChannelWakeUps.NONE);
        holder.listen(new HotlineAgiServer(new AgiServerConfig("127.0.0.1", 0, Duration.ofSeconds(5)), ch -> {
        }, new AsteriskCalls()));
        other.listen(new HotlineAgiServer(new AgiServerConfig("127.0.0.1", 0, Duration.ofSeconds(5)), ch -> {
        }, new AsteriskCalls()));

        assertThat(here.available()).isTrue();
        here.wake("1795376500.1", "PJSIP/trunk-00000031");

        assertThat(queued).containsExactly("1795376500.1 PJSIP/trunk-00000031");
    }

    @Test
    void noWakeUpIsOfferedWhileNoNodeHoldsTheLink() {
        ChannelWakeUps here = other.wakeUps(ChannelWakeUps.NONE);
        someoneHolds.set(false);

        assertThat(here.available()).isFalse();
    }

    /** Every node's listeners in one process, delivered at once. */
    private static final class Bus implements NodeRequests {
        private final Map<String, List<Consumer<Object>>> listeners = new ConcurrentHashMap<>();

        @Override
        public Optional<Object> ask(String address, Serializable request, Duration timeout) {
            return Optional.empty();
        }

        @Override
        public Serving serve(String address, Function<Object, Serializable> handler) {
            return () -> {
            };
        }

        @Override
        public void tellAll(String address, Serializable message) {
            listeners.getOrDefault(address, List.of()).forEach(l -> l.accept(message));
        }

        @Override
        public Serving listen(String address, Consumer<Object> listener) {
            listeners.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(listener);
            return () -> listeners.get(address).remove(listener);
        }
    }
}
