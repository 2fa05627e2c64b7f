package org.hotline.app.e2e;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.config.Settings;
import org.hotline.ticketing.testing.TestDatabase;

/** Starts a whole node on a database the test keeps, so that a test can stop a node and start the next one on it. */
final class Nodes {
    private Nodes() {
    }

    /** A node on {@code db} with the test defaults of {@link #settings} and queues ringing 20 s. */
    static HotlinePlatform start(TestDatabase db, Map<String, Object> overrides) {
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(overrides);
        return HotlinePlatform.start(settings(db, o), Clock.systemUTC());
    }

    /**
     * The test defaults of every end-to-end node (loopback on any port, the external database {@code db}, the
     * simulator with instant timing and no traffic), with {@code overrides} on top.
     */
    static Settings settings(TestDatabase db, Map<String, Object> overrides) {
        Map<String, Object> o = new HashMap<>();
        o.put("hotline.profile", "test");
        o.put("hotline.http.host", "127.0.0.1");
        o.put("hotline.http.port", 0);
        o.put("hotline.db.embedded", false);
        o.put("hotline.db.url", db.config().jdbcUrl());
        o.put("hotline.db.user", db.config().user());
        o.put("hotline.db.password", db.config().password());
        o.put("hotline.simulation.enabled", true);
        o.put("hotline.simulation.timing", "instant");
        o.put("hotline.simulation.calls-per-second", 0);
        o.put("hotline.simulation.agents", 0);
        o.putAll(overrides);
        return Settings.from(ConfigFactory.parseMap(o));
    }
}
