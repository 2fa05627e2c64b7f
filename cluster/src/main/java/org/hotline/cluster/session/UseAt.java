package org.hotline.cluster.session;

import com.hazelcast.map.EntryProcessor;
import java.time.Instant;
import java.util.Map;
import org.hotline.platform.session.Session;

/**
 * Slides one session's idle expiry where the session lives (on its partition's owner, one key at a time, so two
 * nodes using the same session at once cannot lose either use, and an end cannot be undone by a late use). The
 * backups run the same processor with the same {@code nowMillis}, so they slide to the same instant. Sent with
 * Java serialization: it carries one long and no user data.
 *
 * @param nowMillis when the session is used, epoch milliseconds
 */
record UseAt(long nowMillis) implements EntryProcessor<String, Session, Session> {
    @Override
    public Session process(Map.Entry<String, Session> entry) {
        Session current = entry.getValue();
        Instant now = Instant.ofEpochMilli(nowMillis);
        if (current == null || !current.isLiveAt(now)) {
            return null;
        }
        Session used = current.usedAt(now);
        entry.setValue(used);
        return used;
    }
}
