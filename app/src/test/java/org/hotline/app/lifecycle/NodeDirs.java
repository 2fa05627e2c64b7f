package org.hotline.app.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.app.soak.CallJournal;

/** Work directories and child-node start-up shared by the life-cycle tests. */
final class NodeDirs {
    private NodeDirs() {
    }

    /** A fresh directory under the user's home (like the real demo's), for one test. */
    static Path fresh(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("user.home"), ".hotline", "test-runs",
                name + "-" + System.nanoTime()));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * {@code Main demo} in a child JVM on {@code work/db}, with simulated callers at {@code rate} calls/s answered by
     * {@code agents} simulated agents at near-zero IVR timing and 1 s talk time, journalling every call to
     * {@code work/journal}.
     */
    static ChildNode demo(Path work, double rate, int agents, String label) throws IOException {
        int port = ChildNode.freePort();
        Map<String, String> props = new HashMap<>();
        props.put("hotline.simulation.timing", "instant");
        props.put("hotline.simulation.mean-talk-time", "1000ms");
        props.put("hotline.simulation.mean-patience", "20s");
        props.put("hotline.simulation.agent-ring-delay", "100ms");
        props.put("hotline.simulation.agent-wrap-up", "200ms");
        props.put("hotline.http.host", "127.0.0.1");
        props.put(CallJournal.PROPERTY, work.resolve("journal").toString());
        return ChildNode.start(List.of("demo", "--port", String.valueOf(port), "--rate", String.valueOf(rate),
                        "--sim-agents", String.valueOf(agents), "--data-dir", work.resolve("db").toString()),
                props, port, work.resolve(label + ".out"));
    }
}
