package org.hotline.cluster.bus;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotline.cluster.MemberNode;
import org.hotline.cluster.TestMembers;

/**
 * Clustered Vert.x instances on loopback in this JVM, each over its own Hazelcast member ({@link TestMembers}): real
 * TCP between them (Hazelcast's for membership, Vert.x's own event-bus connections for messages), as between machines.
 */
final class ClusteredVertxNodes implements AutoCloseable {
    final List<Vertx> nodes = new ArrayList<>();
    private final TestMembers members;

    ClusteredVertxNodes(int count) {
        members = new TestMembers(count);
        for (MemberNode member : members.startAll()) {
            nodes.add(member.newVertx());
        }
    }

    @Override
    public void close() throws Exception {
        for (Vertx v : nodes) {
            v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        members.close();
    }
}
