package org.hotline.app.cli;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.config.Settings;

/**
 * The settings of {@code hotline demo --nodes N} (and of {@code hotline load --nodes N}): N nodes of one cluster on
 * loopback, each a Hazelcast member on a free port, consoles on the given HTTP port and the next ones (port 0: any
 * free port each); the first runs the embedded database and the others use it (so they are made once the first one
 * runs: each is a function of the first node, null for the first itself).
 */
public final class DemoCluster {
    static final int DEFAULT_HTTP_PORT = 8080;

    private DemoCluster() {
    }

    public static List<Function<HotlinePlatform, Settings>> settings(Map<String, Object> demo, int nodes,
                                                                     Integer port) {
        int http = port != null ? port
                : Integer.parseInt(System.getenv().getOrDefault("HOTLINE_PORT", String.valueOf(DEFAULT_HTTP_PORT)));
        List<Integer> memberPorts = freeLoopbackPorts(nodes);
        String members = String.join(",", memberPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        String name = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        List<Function<HotlinePlatform, Settings>> all = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int n = i;
            all.add(first -> {
                Map<String, Object> o = new HashMap<>(demo);
                o.put("hotline.http.port", http == 0 ? 0 : http + n);
                o.put("hotline.cluster.enabled", true);
                o.put("hotline.cluster.name", name);
                o.put("hotline.cluster.node-name", "node-" + (n + 1));
                o.put("hotline.cluster.host", "127.0.0.1");
                o.put("hotline.cluster.port", memberPorts.get(n));
                o.put("hotline.cluster.members", members);
                if (first != null) {
                    o.put("hotline.db.embedded", false);
                    o.put("hotline.db.url", first.databaseConfig().jdbcUrl());
                    o.put("hotline.db.user", first.databaseConfig().user());
                    o.put("hotline.db.password", first.databaseConfig().password());
                }
                return Settings.from(ConfigFactory.parseMap(o));
            });
        }
        return all;
    }

    /** {@code n} ports free on the loopback address now (probed and released together, so they differ). */
    public static List<Integer> freeLoopbackPorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a probe
                }
            }
        }
    }
}
