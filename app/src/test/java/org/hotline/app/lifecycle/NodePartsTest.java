package org.hotline.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A node stops in the order its class comment promises: what brings calls in first, then the other parts in the
 * reverse order of their start, each once, and a part that fails to stop does not keep the others running.
 */
class NodePartsTest {
    private final List<String> log = new CopyOnWriteArrayList<>();

    private Lifecycle part(String name) {
        return Lifecycle.of(name, () -> log.add("start " + name), () -> log.add("stop " + name));
    }

    @Test
    void theIntakeStopsFirstThenThePartsInTheReverseOrderOfTheirStart() {
        NodeParts parts = new NodeParts();
        parts.start(part("database"));
        parts.start(part("call recorder"));
        Lifecycle telephony = parts.intake(part("switch"));
        parts.start(part("console server"));
        parts.begin(telephony);

        parts.close();
        parts.close(); // a second stop stops nothing again

        assertThat(log).containsExactly("start database", "start call recorder", "start console server",
                "start switch", "stop switch", "stop console server", "stop call recorder", "stop database");
        assertThat(parts.isEmpty()).isTrue();
    }

    @Test
    void anIntakeThatNeverStartedIsStillStoppedWhenTheNodesStartFails() {
        NodeParts parts = new NodeParts();
        parts.start(part("database"));
        parts.intake(part("switch"));
        assertThatThrownBy(() -> parts.start(Lifecycle.of("console server", () -> {
            throw new java.io.IOException("port 8080 in use");
        }, () -> log.add("stop console server")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("console server").hasMessageContaining("port 8080 in use");

        parts.close();

        assertThat(log).containsExactly("start database", "stop switch", "stop database");
    }

    @Test
    void aPartThatFailsToStopDoesNotKeepTheOthersRunning() {
        NodeParts parts = new NodeParts();
        parts.start(part("database"));
        parts.start(Lifecycle.running("timers", () -> {
            throw new IllegalStateException("stuck");
        }));
        parts.start(part("ACD"));

        parts.close();

        assertThat(log).containsExactly("start database", "start ACD", "stop ACD", "stop database");
    }
}
